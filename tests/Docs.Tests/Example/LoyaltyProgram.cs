using Bus.Messaging.Hosting;
using Loyalty;
using Microsoft.AspNetCore.Builder;

namespace Bus.Docs.Tests.Example;

/// <summary>The service's <c>Program.cs</c>, as a method so that it compiles inside this test project.</summary>
public static class LoyaltyProgram
{
    public static void Run(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults(LoyaltyServiceExtensions.ServiceName);
        builder.AddLoyalty();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.Run();
    }
}
