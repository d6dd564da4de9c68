namespace Bus.Demo.Reporting;

/// <summary>Enough of a personal detail to recognise it in a demo, not enough to use it.</summary>
public static class Masking
{
    /// <summary><c>ada@example.com</c> → <c>a**@example.com</c>.</summary>
    public static string Email(string? email)
    {
        if (string.IsNullOrEmpty(email))
        {
            return "-";
        }

        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 ? Stars(email.Length) : email[0] + Stars(at - 1) + email[at..];
    }

    /// <summary><c>+31612345678</c> → <c>+31******678</c>.</summary>
    public static string Phone(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return "-";
        }

        return phone.Length <= 6 ? Stars(phone.Length) : phone[..3] + Stars(phone.Length - 6) + phone[^3..];
    }

    private static string Stars(int count) => new('*', Math.Max(count, 1));
}
