using System.Text.Json;
using System.Text.Json.Serialization;
using Bus.StandIns.Faults;
using Bus.StandIns.Hosting;
using Bus.StandIns.Recording;

namespace Bus.StandIns;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(EffectsReport))]
[JsonSerializable(typeof(SystemEffects))]
[JsonSerializable(typeof(CountsReport))]
[JsonSerializable(typeof(FaultSettings))]
[JsonSerializable(typeof(Dictionary<string, FaultSettings>))]
[JsonSerializable(typeof(StandInReceipt))]
[JsonSerializable(typeof(StandInHealth))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class StandInsJsonContext : JsonSerializerContext;
