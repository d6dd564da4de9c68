namespace Bus.StandIns.Hosting;

/// <summary>Settings of one stand-in (<c>StandIns:Systems:&lt;System&gt;</c>); unset values take the
/// <see cref="StandInSystems"/> defaults.</summary>
public sealed class StandInSystemOptions
{
    /// <summary>Port on <see cref="StandInOptions.BindAddress"/>; 0 picks a free one.</summary>
    public int? Port { get; set; }

    /// <summary>Secret the <c>X-Bus-Signature</c> must be computed with.</summary>
    public string? SigningSecret { get; set; }
}
