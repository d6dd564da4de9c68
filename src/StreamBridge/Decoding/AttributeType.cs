namespace Bus.StreamBridge.Decoding;

/// <summary>The ten DynamoDB attribute types, named by their wire tags.</summary>
public enum AttributeType : byte
{
    /// <summary>String.</summary>
    S,
    /// <summary>Number: up to 38 significant digits, kept as the digits DynamoDB sent.</summary>
    N,
    /// <summary>Binary.</summary>
    B,
    /// <summary>String set.</summary>
    SS,
    /// <summary>Number set.</summary>
    NS,
    /// <summary>Binary set.</summary>
    BS,
    /// <summary>Map of attribute values.</summary>
    M,
    /// <summary>List of attribute values.</summary>
    L,
    /// <summary>Null.</summary>
    NULL,
    /// <summary>Boolean.</summary>
    BOOL,
}
