using Bus.Consumers.Shipping.Hosting;
using Bus.Messaging.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(ShippingServiceExtensions.ServiceName);
builder.AddShipping();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapShippingEndpoints();
app.Run();
