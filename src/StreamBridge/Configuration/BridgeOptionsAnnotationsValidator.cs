using Microsoft.Extensions.Options;

namespace Bus.StreamBridge.Configuration;

/// <summary>
/// The data-annotation rules of <see cref="BridgeOptions"/> (and of <see cref="BridgeOptions.FailedRecords"/>, marked
/// <c>[ValidateObjectMembers]</c>), checked by code the options source generator writes at build time. Unlike
/// <c>ValidateDataAnnotations()</c> it reads no attributes by reflection at run time, so the native CLI
/// (<c>scripts/publish-native-cli.sh</c>) checks them exactly as the managed build does.
/// </summary>
[OptionsValidator]
internal sealed partial class BridgeOptionsAnnotationsValidator : IValidateOptions<BridgeOptions>;
