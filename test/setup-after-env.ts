import { skipTokenCreationTraces } from "../tooling/token-traces";

// Runs in each test file after Jest installs its source-map formatting, which errors keep.
skipTokenCreationTraces();
