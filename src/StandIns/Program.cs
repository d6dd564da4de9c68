using Bus.StandIns.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var builder = Host.CreateApplicationBuilder(args);
// ASP.NET Core's per-request lines would bury the stand-ins' own, and each system's web host would announce its URL
// a second time without saying which system it is; Logging__LogLevel__… still overrides both.
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
builder.Services.AddStandIns(builder.Configuration);
await builder.Build().RunAsync();
