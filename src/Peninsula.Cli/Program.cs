using Peninsula.Cli;

return await PeninsulaCommand.RunAsync(args, CliContext.FromProcess());
