import { skipTokenCreationTraces } from "../tooling/token-traces";

// Runs in each test file: cdktf's token creation traces are never printed here; errors keep their stacks.
skipTokenCreationTraces();
