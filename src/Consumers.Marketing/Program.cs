using Bus.Consumers.Marketing;
using Bus.Messaging.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(MarketingServiceExtensions.ServiceName);
builder.AddMarketing();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
