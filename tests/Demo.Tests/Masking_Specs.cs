using Bus.Demo.Reporting;

namespace Bus.Demo.Tests;

public sealed class Masking_Specs
{
    [Theory]
    [InlineData("ada@example.com", "a**@example.com")]
    [InlineData("a@example.com", "a*@example.com")]
    [InlineData("no-at-sign", "**********")]
    [InlineData(null, "-")]
    public void E_mail_addresses_keep_their_first_letter_and_domain(string? email, string masked) => Assert.Equal(masked, Masking.Email(email));

    [Theory]
    [InlineData("+31612345678", "+31******678")]
    [InlineData("12345", "*****")]
    [InlineData("", "-")]
    public void Phone_numbers_keep_their_first_and_last_three_characters(string? phone, string masked) => Assert.Equal(masked, Masking.Phone(phone));
}
