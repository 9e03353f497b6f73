using System.Text;

namespace Ecsta.Dialog.Tests.TestSupport;

/// <summary>The host's console: keeps what the banner prints and signals when the dialog's address line appears.</summary>
internal sealed class BannerWriter : TextWriter
{
    private readonly StringBuilder _text = new();
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource<string> _dialogLine = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>Completes with the banner's <c>Dialog:</c> line.</summary>
    public Task<string> DialogLine => _dialogLine.Task;

    public string Text
    {
        get
        {
            lock (_gate)
            {
                return _text.ToString();
            }
        }
    }

    public override void Write(char value)
    {
        lock (_gate)
        {
            _text.Append(value);
            if (value == '\n')
            {
                var lines = _text.ToString().Split('\n');
                var last = lines[^2].TrimEnd('\r');
                if (last.StartsWith("Dialog:", StringComparison.Ordinal))
                {
                    _dialogLine.TrySetResult(last);
                }
            }
        }
    }
}
