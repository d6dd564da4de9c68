using Bus.StreamBridge.Cli;

return await BridgeCli.RunAsync(args, Console.OpenStandardOutput(), Console.Error);
