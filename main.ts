import { App } from "cdktf";
import { loadEnvironmentSources } from "./config";
import { runCli } from "./tooling/cli";
import { defineStacks } from "./topologies";

// The cdktf CLI entry point (`cdktf synth`, `cdktf deploy <stack>`): environments to stacks.
runCli(async () => {
  const app = new App();
  defineStacks(app, await loadEnvironmentSources());
  app.synth();
});
