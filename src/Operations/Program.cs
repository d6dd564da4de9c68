using Bus.Operations.Cli;

return await OperationsCli.RunAsync(args, Console.Out, Console.Error);
