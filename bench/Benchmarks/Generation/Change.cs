namespace Bus.Benchmarks.Generation;

/// <summary>One generated change: INSERT has only <paramref name="New"/>, REMOVE only <paramref name="Old"/>.</summary>
/// <param name="EventName">INSERT, MODIFY or REMOVE.</param>
/// <param name="Old">The item before the change.</param>
/// <param name="New">The item after the change.</param>
/// <param name="ByTtl">A REMOVE made by DynamoDB's TTL process.</param>
internal sealed record Change(string EventName, IItemImage? Old, IItemImage? New, bool ByTtl = false)
{
    public IItemImage Item => New ?? Old!;
}
