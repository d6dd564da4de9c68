using Bus.Contracts.Payments;
using Bus.StreamBridge.Decoding;
using Bus.StreamBridge.Tests.Builders;
using Bus.StreamBridge.Translation;

namespace Bus.StreamBridge.Tests.Translation;

public class PaymentsTranslatorTests
{
    private static readonly PaymentsTranslator Translator = new();

    private static readonly AttributeMap Authorized = Attr.Item(
        ("paymentId", Attr.S("PAY-1")),
        ("orderId", Attr.S("O-1")),
        ("amount", Attr.N("129.90")),
        ("currency", Attr.S("EUR")),
        ("status", Attr.S("AUTHORIZED")));

    [Fact]
    public void A_status_change_to_captured_raises_one_capture()
    {
        var input = Changes.Modify(Authorized, Authorized.With("status", Attr.S("CAPTURED")));

        var events = Changes.Run(Translator, input);

        var expected = new PaymentCaptured { Change = input.Metadata, PaymentId = "PAY-1", OrderId = "O-1", Amount = 129.90m, Currency = "EUR" };
        Assert.Equal(expected, Assert.Single(events));
    }

    [Fact]
    public void A_change_that_leaves_the_status_captured_raises_nothing()
    {
        var captured = Authorized.With("status", Attr.S("CAPTURED"));

        Assert.Empty(Changes.Run(Translator, Changes.Modify(captured, captured.With("amount", Attr.N("100")))));
    }

    [Fact]
    public void A_capture_without_an_amount_breaks_the_schema()
    {
        var input = Changes.Insert(Attr.Item(("paymentId", Attr.S("PAY-2")), ("orderId", Attr.S("O-2")), ("status", Attr.S("CAPTURED"))));

        var error = Assert.Throws<TranslationException>(() => Changes.Run(Translator, input));

        Assert.Equal("required attribute 'amount' is missing", error.Message);
    }
}
