using Bus.Consumers.Notifications;
using Bus.Messaging.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(NotificationsServiceExtensions.ServiceName);
builder.AddNotifications();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
