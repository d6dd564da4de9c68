namespace Bus.Consumers.Notifications.Contacts;

/// <summary>
/// An order event arrived before any event of its customer: changes of different DynamoDB items are not ordered
/// relative to each other. Transient: the domain endpoint retries the message with back-off
/// (<c>Notifications:ContactRetry*</c>) until the contact is known, then faults it to the error queue.
/// </summary>
public sealed class ContactNotYetKnownException : Exception
{
    public ContactNotYetKnownException()
    {
    }

    public ContactNotYetKnownException(string customerId)
        : base($"The contact of customer {customerId} is not known yet")
    {
    }

    public ContactNotYetKnownException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
