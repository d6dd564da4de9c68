using Bus.Contracts;
using Bus.Contracts.Customers;
using Bus.StreamBridge.Decoding;
using Bus.StreamBridge.Tests.Builders;
using Bus.StreamBridge.Translation;

namespace Bus.StreamBridge.Tests.Translation;

public class CustomersTranslatorTests
{
    private static readonly CustomersTranslator Translator = new();

    private static readonly DynamoValue Amsterdam = Attr.M(
        ("street", Attr.S("1 Canal Street")), ("city", Attr.S("Amsterdam")), ("postalCode", Attr.S("1012 AB")), ("country", Attr.S("NL")));

    private static readonly AttributeMap Customer = Attr.Item(
        ("customerId", Attr.S("C-1")),
        ("email", Attr.S("ada@example.com")),
        ("name", Attr.S("Ada Lovelace")),
        ("phone", Attr.S("+31612345678")),
        ("address", Amsterdam),
        ("marketingOptIn", Attr.Bool(true)),
        ("version", Attr.N("3")));

    private static readonly PostalAddress AmsterdamAddress = new()
    {
        Street = "1 Canal Street", City = "Amsterdam", PostalCode = "1012 AB", Country = "NL",
    };

    [Fact]
    public void An_insert_registers_the_customer_with_every_field()
    {
        var input = Changes.Insert(Customer);

        var events = Changes.Run(Translator, input);

        var expected = new CustomerRegistered
        {
            Change = input.Metadata,
            CustomerId = "C-1",
            Email = "ada@example.com",
            Name = "Ada Lovelace",
            Phone = "+31612345678",
            Address = AmsterdamAddress,
            MarketingOptIn = true,
        };
        Assert.Equal(expected, Assert.Single(events));
    }

    [Fact]
    public void An_insert_with_only_the_key_registers_a_customer_without_consent()
    {
        var events = Changes.Run(Translator, Changes.Insert(Attr.Item(("customerId", Attr.S("C-2")))));

        var registered = Assert.IsType<CustomerRegistered>(Assert.Single(events));
        Assert.Equal("C-2", registered.CustomerId);
        Assert.Null(registered.Email);
        Assert.Null(registered.Address);
        Assert.False(registered.MarketingOptIn);
    }

    [Fact]
    public void The_customer_id_falls_back_to_the_key_attributes()
    {
        var input = Changes.Insert(Customer.Without("customerId"), keys: Attr.Item(("customerId", Attr.S("C-9"))));

        var registered = Assert.IsType<CustomerRegistered>(Assert.Single(Changes.Run(Translator, input)));

        Assert.Equal("C-9", registered.CustomerId);
    }

    [Fact]
    public void A_changed_email_raises_CustomerEmailChanged()
    {
        var input = Changes.Modify(Customer, Customer.With("email", Attr.S("ada@lovelace.example")));

        var events = Changes.Run(Translator, input);

        var expected = new CustomerEmailChanged
        {
            Change = input.Metadata, CustomerId = "C-1", PreviousEmail = "ada@example.com", Email = "ada@lovelace.example",
        };
        Assert.Equal(expected, Assert.Single(events));
    }

    [Fact]
    public void A_removed_email_raises_CustomerEmailChanged_with_no_new_email()
    {
        var events = Changes.Run(Translator, Changes.Modify(Customer, Customer.Without("email")));

        var changed = Assert.IsType<CustomerEmailChanged>(Assert.Single(events));
        Assert.Equal("ada@example.com", changed.PreviousEmail);
        Assert.Null(changed.Email);
    }

    [Fact]
    public void An_email_set_to_NULL_instead_of_absent_is_not_a_change()
    {
        var events = Changes.Run(Translator, Changes.Modify(Customer.Without("email"), Customer.With("email", Attr.Null)));

        Assert.Empty(events);
    }

    [Fact]
    public void A_changed_city_raises_CustomerAddressChanged_with_both_addresses()
    {
        var moved = Attr.M(("street", Attr.S("1 Canal Street")), ("city", Attr.S("Utrecht")), ("postalCode", Attr.S("1012 AB")), ("country", Attr.S("NL")));
        var input = Changes.Modify(Customer, Customer.With("address", moved));

        var events = Changes.Run(Translator, input);

        var expected = new CustomerAddressChanged
        {
            Change = input.Metadata,
            CustomerId = "C-1",
            PreviousAddress = AmsterdamAddress,
            Address = AmsterdamAddress with { City = "Utrecht" },
        };
        Assert.Equal(expected, Assert.Single(events));
    }

    [Fact]
    public void An_address_with_reordered_attributes_is_not_a_change()
    {
        var reordered = Attr.M(("country", Attr.S("NL")), ("postalCode", Attr.S("1012 AB")), ("city", Attr.S("Amsterdam")), ("street", Attr.S("1 Canal Street")));

        var events = Changes.Run(Translator, Changes.Modify(Customer, Customer.With("address", reordered)));

        Assert.Empty(events);
    }

    [Fact]
    public void A_captured_modify_with_a_reordered_address_and_a_new_name_produces_nothing()
    {
        var record = Fixture.Record("customer-address-reordered.json");
        var input = new ChangeInput(record.Kind, record.Keys, record.OldImage, record.NewImage, false, Changes.Metadata(record.Kind));

        Assert.Empty(Changes.Run(Translator, input));
    }

    [Fact]
    public void An_added_address_field_is_a_change()
    {
        var extended = Attr.M(("street", Attr.S("1 Canal Street")), ("city", Attr.S("Amsterdam")), ("postalCode", Attr.S("1012 AB")),
            ("country", Attr.S("NL")), ("floor", Attr.S("2")));

        var events = Changes.Run(Translator, Changes.Modify(Customer, Customer.With("address", extended)));

        Assert.IsType<CustomerAddressChanged>(Assert.Single(events));
    }

    [Fact]
    public void A_changed_phone_raises_CustomerPhoneChanged()
    {
        var input = Changes.Modify(Customer, Customer.With("phone", Attr.S("+31687654321")));

        var events = Changes.Run(Translator, input);

        var expected = new CustomerPhoneChanged
        {
            Change = input.Metadata, CustomerId = "C-1", PreviousPhone = "+31612345678", Phone = "+31687654321",
        };
        Assert.Equal(expected, Assert.Single(events));
    }

    [Fact]
    public void A_withdrawn_opt_in_raises_CustomerMarketingConsentChanged()
    {
        var input = Changes.Modify(Customer, Customer.With("marketingOptIn", Attr.Bool(false)));

        var events = Changes.Run(Translator, input);

        var expected = new CustomerMarketingConsentChanged
        {
            Change = input.Metadata, CustomerId = "C-1", MarketingOptIn = false, PreviousMarketingOptIn = true,
        };
        Assert.Equal(expected, Assert.Single(events));
    }

    [Fact]
    public void An_absent_opt_in_counts_as_false()
    {
        var events = Changes.Run(Translator, Changes.Modify(Customer.Without("marketingOptIn"), Customer.With("marketingOptIn", Attr.Bool(false))));

        Assert.Empty(events);
    }

    [Fact]
    public void Only_a_changed_name_produces_nothing()
    {
        var events = Changes.Run(Translator, Changes.Modify(Customer, Customer.With("name", Attr.S("Augusta Ada King"))));

        Assert.Empty(events);
    }

    [Fact]
    public void Only_a_changed_version_produces_nothing()
    {
        var events = Changes.Run(Translator, Changes.Modify(Customer, Customer.With("version", Attr.N("4"))));

        Assert.Empty(events);
    }

    [Fact]
    public void Several_changed_concerns_raise_one_event_each_in_a_fixed_order()
    {
        var after = Customer
            .With("marketingOptIn", Attr.Bool(false))
            .With("phone", Attr.S("+1"))
            .With("address", Attr.M(("city", Attr.S("Paris"))))
            .With("email", Attr.S("new@example.com"));

        var events = Changes.Run(Translator, Changes.Modify(Customer, after));

        Assert.Equal(
            [typeof(CustomerEmailChanged), typeof(CustomerAddressChanged), typeof(CustomerPhoneChanged), typeof(CustomerMarketingConsentChanged)],
            events.Select(e => e.GetType()));
    }

    [Fact]
    public void A_remove_deletes_the_customer()
    {
        var input = Changes.Remove(Customer, Attr.Item(("customerId", Attr.S("C-1"))));

        var events = Changes.Run(Translator, input);

        Assert.Equal(new CustomerDeleted { Change = input.Metadata, CustomerId = "C-1", ExpiredByTtl = false }, Assert.Single(events));
    }

    [Fact]
    public void A_ttl_remove_is_marked_as_expired()
    {
        var deleted = Assert.IsType<CustomerDeleted>(Assert.Single(
            Changes.Run(Translator, Changes.Remove(Customer, Attr.Item(("customerId", Attr.S("C-1"))), ttl: true))));

        Assert.True(deleted.ExpiredByTtl);
    }

    [Fact]
    public void A_keys_only_remove_takes_the_id_from_the_keys()
    {
        var deleted = Assert.IsType<CustomerDeleted>(Assert.Single(
            Changes.Run(Translator, Changes.Remove(null, Attr.Item(("customerId", Attr.S("C-7")))))));

        Assert.Equal("C-7", deleted.CustomerId);
    }

    [Fact]
    public void An_email_of_the_wrong_type_names_the_attribute()
    {
        var error = Assert.Throws<TranslationException>(() =>
            Changes.Run(Translator, Changes.Insert(Customer.With("email", Attr.N("42")))));

        Assert.Equal("attribute 'email' is N; the table's schema has S", error.Message);
    }

    [Fact]
    public void An_address_of_the_wrong_type_names_the_attribute()
    {
        var error = Assert.Throws<TranslationException>(() =>
            Changes.Run(Translator, Changes.Insert(Customer.With("address", Attr.S("1 Canal Street")))));

        Assert.Equal("attribute 'address' is S; the table's schema has M", error.Message);
    }

    [Fact]
    public void A_missing_customer_id_is_named()
    {
        var error = Assert.Throws<TranslationException>(() =>
            Changes.Run(Translator, Changes.Insert(Customer.Without("customerId"))));

        Assert.Equal("required attribute 'customerId' is missing", error.Message);
    }

    [Fact]
    public void Every_event_carries_the_change_metadata_it_was_given()
    {
        var input = Changes.Modify(Customer, Customer.With("email", Attr.S("x@example.com")).With("phone", Attr.S("+2")));

        var events = Changes.Run(Translator, input);

        Assert.All(events, e => Assert.Same(input.Metadata, e.Change));
    }
}
