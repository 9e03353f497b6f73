using System.Text;
using Ecsta.Host.Configuration;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Serilog;

namespace Ecsta.Host.Tsp;

/// <summary>
/// Device ids that stay: each line (instance name and BroadWorks user id, both without regard to case) keeps its id
/// across restarts, configuration edits and the removal of other lines, and an id once given is never given to
/// another line. A TAPI application remembers "line 2"; after a restart line 2 must still be the same phone.
/// </summary>
/// <remarks>
/// The ids live in <c>line-ids.jsonl</c> beside the configuration (owner-only): a journal of one JSON object per
/// assignment, <c>{"instance":"office","userId":"alice@example.com","id":2}</c>, appended before the id is handed
/// out, so 20,000 lines cost 20,000 small appends, not 20,000 rewrites. An unfinished last line (the host stopped
/// while writing it) is ignored: its id was never handed out. Any other unreadable line stops the start: the host
/// will not guess ids that applications may already use.
/// </remarks>
internal sealed class PersistentDeviceIdAllocator : IDeviceIdAllocator
{
    /// <summary>The journal's name beside the configuration.</summary>
    public const string FileName = "line-ids.jsonl";

    private readonly string _path;
    private readonly ILogger _log;
    private readonly Dictionary<(string Instance, string UserId), uint> _ids = [];
    private readonly Lock _gate = new();
    private uint _next;

    /// <summary>Reads the ids recorded in <paramref name="path"/> (none when the file does not exist).</summary>
    /// <exception cref="ConfigurationException">The file holds a line that is no assignment, an id twice, or a line twice.</exception>
    public PersistentDeviceIdAllocator(string path, ILogger log)
    {
        _path = path;
        _log = log;
        if (File.Exists(path))
        {
            var text = File.ReadAllText(path, Encoding.UTF8);
            Load(text);
            if (text.Length > 0 && !text.EndsWith('\n'))
            {
                Rewrite(); // drop an unfinished last line, so the next append starts a line of its own
            }
        }
    }

    /// <summary>How many lines have an id.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _ids.Count;
            }
        }
    }

    /// <inheritdoc />
    public uint GetOrAssign(string instanceName, string userId)
    {
        var key = Key(instanceName, userId);
        lock (_gate)
        {
            if (_ids.TryGetValue(key, out var id))
            {
                return id;
            }

            id = _next++;
            _ids[key] = id;
            Append(key, id);
            return id;
        }
    }

    private static (string, string) Key(string instanceName, string userId) => (instanceName.ToLowerInvariant(), userId.ToLowerInvariant());

    private void Load(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var last = i == lines.Length - 1; // no newline after it: the write did not finish
            if (Parse(line) is not { } entry)
            {
                if (last)
                {
                    _log.Warning("Ignored the unfinished last line of {File}: its id was never handed out", _path);
                    continue;
                }

                throw Refused($"line {i + 1} is not an assignment {{\"instance\", \"userId\", \"id\"}}");
            }

            if (_ids.ContainsKey(entry.Key) || _ids.ContainsValue(entry.Id))
            {
                throw Refused($"line {i + 1} gives {entry.Key.Instance}/{entry.Key.UserId} id {entry.Id}, but that line or that id was recorded before");
            }

            _ids[entry.Key] = entry.Id;
            _next = Math.Max(_next, entry.Id + 1);
        }
    }

    private static ((string Instance, string UserId) Key, uint Id)? Parse(string line)
    {
        try
        {
            using var reader = new JsonTextReader(new StringReader(line)) { MaxDepth = 4, DateParseHandling = DateParseHandling.None };
            var entry = JObject.Load(reader);
            return entry.Value<string>("instance") is { Length: > 0 } instance && entry.Value<string>("userId") is { Length: > 0 } userId
                && entry["id"] is { Type: JTokenType.Integer } id && (long)id is >= 0 and < uint.MaxValue
                ? (Key(instance, userId), (uint)(long)id)
                : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidCastException or OverflowException or FormatException)
        {
            return null;
        }
    }

    private ConfigurationException Refused(string reason) =>
        new($"{_path}: {reason}; the host will not guess line ids that applications may already use: restore the file from a backup, or delete it to number the lines anew");

    private static string Line((string Instance, string UserId) key, uint id) =>
        new JObject { ["instance"] = key.Instance, ["userId"] = key.UserId, ["id"] = id }.ToString(Formatting.None);

    private void Rewrite()
    {
        var temp = _path + ".tmp";
        File.WriteAllText(temp, string.Concat(_ids.OrderBy(p => p.Value).Select(p => Line(p.Key, p.Value) + "\n")), Encoding.UTF8);
        OwnerOnly.RestrictFile(temp);
        File.Move(temp, _path, overwrite: true);
    }

    private void Append((string Instance, string UserId) key, uint id)
    {
        var entry = Line(key, id);
        try
        {
            var created = !File.Exists(_path);
            File.AppendAllText(_path, entry + "\n", Encoding.UTF8);
            if (created)
            {
                OwnerOnly.RestrictFile(_path);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The id holds for this run and is never given twice in it; a later start may number this line anew.
            _log.Error("Could not record line id {Id} of {Instance}/{UserId} in {File}: {Reason}", id, key.Instance, key.UserId, _path, ex.Message);
        }
    }
}
