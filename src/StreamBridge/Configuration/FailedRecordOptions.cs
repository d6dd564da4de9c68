using System.ComponentModel.DataAnnotations;

namespace Bus.StreamBridge.Configuration;

/// <summary>The failed-record store (configuration <c>Bridge:FailedRecords</c>).</summary>
public sealed class FailedRecordOptions
{
    public FailedRecordStoreKind Store { get; set; } = FailedRecordStoreKind.File;

    /// <summary>Directory of the file store.</summary>
    [Required]
    public string Directory { get; set; } = "failed-records";

    /// <summary>Queue of the queue store.</summary>
    [Required]
    public string QueueName { get; set; } = "stream-bridge-failed-records";
}
