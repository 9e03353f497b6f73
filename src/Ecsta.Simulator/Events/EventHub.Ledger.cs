namespace Ecsta.Simulator.Events;

internal sealed partial class EventHub
{
    /// <summary>Closed channels whose ledger is kept for the views; older ones are forgotten.</summary>
    private const int ClosedLedgersKept = 1000;

    private readonly Dictionary<string, ChannelLedger> _ledgers = new(StringComparer.Ordinal);
    private readonly Queue<string> _closedLedgers = new();

    /// <summary>Every channel's acknowledgement count: the open ones and the last closed ones, in no particular order.</summary>
    public IReadOnlyList<SimChannelAcknowledgements> DescribeAcknowledgements()
    {
        lock (_gate)
        {
            return [.. _ledgers.Values.Select(l => l.Describe())];
        }
    }

    private void OpenLedgerLocked(EventChannel channel) =>
        _ledgers[channel.ChannelId] = new ChannelLedger { ChannelId = channel.ChannelId, ChannelSetId = channel.ChannelSetId, OwnerId = channel.Owner.LoginId };

    private void CloseLedgerLocked(string channelId)
    {
        if (!_ledgers.TryGetValue(channelId, out var ledger) || !ledger.Open)
        {
            return;
        }

        ledger.Open = false;
        _closedLedgers.Enqueue(channelId);
        while (_closedLedgers.Count > ClosedLedgersKept)
        {
            _ledgers.Remove(_closedLedgers.Dequeue());
        }
    }

    /// <summary>An event that needs an EventResponse went out on <paramref name="channelId"/> (from <paramref name="previousChannelId"/> when re-sent elsewhere).</summary>
    private void ChargeLocked(string channelId, string? previousChannelId = null)
    {
        if (previousChannelId is not null && _ledgers.TryGetValue(previousChannelId, out var previous))
        {
            previous.Sent--;
        }

        if (_ledgers.TryGetValue(channelId, out var ledger))
        {
            ledger.Sent++;
        }
    }

    private void CreditLocked(string? channelId)
    {
        if (channelId is not null && _ledgers.TryGetValue(channelId, out var ledger))
        {
            ledger.Acknowledged++;
        }
    }
}
