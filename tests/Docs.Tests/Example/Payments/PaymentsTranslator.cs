using Bus.Contracts;
using Bus.Contracts.Payments;

namespace Bus.StreamBridge.Translation;

/// <summary>The Payments table: a capture, once, when <c>status</c> becomes <c>CAPTURED</c>.</summary>
public sealed class PaymentsTranslator : IChangeTranslator
{
    public string Name => "Payments";

    public TranslatorRequirements Requirements { get; } = new(ImageNeeds.NewImage, ImageNeeds.NewAndOldImages, ImageNeeds.KeysOnly);

    public void Translate(in ChangeInput change, ICollection<IChangeEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var (kind, keys, oldImage, newImage, _, metadata) = change;
        if (kind == ChangeKind.Remove || Image.OptionalString(newImage, "status") != "CAPTURED"
            || (kind == ChangeKind.Modify && !Image.Differs(oldImage, newImage, "status")))
        {
            return;
        }

        events.Add(new PaymentCaptured
        {
            Change = metadata,
            PaymentId = Image.RequiredString(newImage, keys, "paymentId"),
            OrderId = Image.RequiredString(newImage, keys, "orderId"),
            Amount = Image.OptionalDecimal(newImage, "amount") ?? throw new TranslationException("required attribute 'amount' is missing"),
            Currency = Image.OptionalString(newImage, "currency"),
        });
    }
}
