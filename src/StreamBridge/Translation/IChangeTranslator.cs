using Bus.Contracts;

namespace Bus.StreamBridge.Translation;

/// <summary>
/// Turns one item change into zero or more domain events. Implementations are pure functions of their input:
/// no I/O, no clock, no randomness, so a retried batch produces the same events and therefore the same message ids.
/// </summary>
public interface IChangeTranslator
{
    /// <summary>The name configuration uses to pick this translator (e.g. <c>Customers</c>).</summary>
    string Name { get; }

    /// <summary>The images this translator needs for each kind of change.</summary>
    TranslatorRequirements Requirements { get; }

    /// <summary>Appends the events for <paramref name="change"/> to <paramref name="events"/>, in the order they
    /// should be published.</summary>
    /// <exception cref="TranslationException">The item does not match the table's schema.</exception>
    void Translate(in ChangeInput change, ICollection<IChangeEvent> events);
}
