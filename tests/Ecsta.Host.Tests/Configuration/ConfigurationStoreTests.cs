using Ecsta.Abstractions.Transports;
using Ecsta.Host.Tests.TestSupport;
using Ecsta.Tsp.Configuration;
using Newtonsoft.Json.Linq;

namespace Ecsta.Host.Tests.Configuration;

public sealed class ConfigurationStoreTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private ConfigurationStore NewStore() => new(_temp.File("ecsta.json"));

    private static EcstaConfiguration Sample(string name = "office") => new()
    {
        Instances =
        {
            new InstanceConfiguration
            {
                Name = name,
                Mode = InstanceMode.Server,
                Host = "xsp.example.com",
                ConnectionType = ConnectionTypes.Https,
                User = "admin@example.com",
                Lines = { new LineConfiguration { UserId = "alice@example.com", Number = "100", Name = "Alice" } },
            },
        },
    };

    [Fact]
    public void A_save_of_a_configuration_read_before_another_writer_saved_is_refused_and_loses_nothing()
    {
        NewStore().Save(Sample());
        var dialog = NewStore().Load();
        var cli = NewStore().Load();
        cli.Instances[0].Lines.Add(new LineConfiguration { UserId = "bob@example.com", Number = "200", Name = "Bob" });
        NewStore().Save(cli);

        dialog.Instances[0].Notes = "edited in the dialog";
        var refused = Assert.Throws<ConfigurationException>(() => NewStore().Save(dialog));

        Assert.Contains("changed since it was read", refused.Message, StringComparison.Ordinal);
        var onDisk = NewStore().Load();
        Assert.Equal(["alice@example.com", "bob@example.com"], onDisk.Instances[0].Lines.Select(l => l.UserId));
        Assert.Equal("", onDisk.Instances[0].Notes);
    }

    [Fact]
    public void A_configuration_read_when_there_was_no_file_is_not_saved_over_a_file_written_since()
    {
        var empty = NewStore().LoadOrEmpty();
        NewStore().Save(Sample("written-first"));
        empty.Instances.Add(Sample("second").Instances[0]);

        Assert.Throws<ConfigurationException>(() => NewStore().Save(empty));
        Assert.Equal(["written-first"], NewStore().Load().Instances.Select(i => i.Name));
    }

    [Fact]
    public void Saving_twice_from_the_same_read_and_after_a_migration_works()
    {
        var store = NewStore();
        store.Save(Sample());
        var configuration = store.Load();
        configuration.Instances[0].Notes = "one";
        store.Save(configuration);
        configuration.Instances[0].Notes = "two";
        store.Save(configuration);
        Assert.Equal("two", store.Load().Instances[0].Notes);
    }

    [Fact]
    public async Task A_writer_waits_for_the_lock_file_another_writer_holds()
    {
        var store = NewStore();
        store.Save(Sample());
        var configuration = store.Load();
        configuration.Instances[0].Notes = "after the lock";
        Task save;
        using (new FileStream(store.LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            save = Task.Run(() => store.Save(configuration));
            await Task.Delay(300);
            Assert.False(save.IsCompleted);
            Assert.Equal("", NewStore().Load().Instances[0].Notes);
        }

        await save.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("after the lock", NewStore().Load().Instances[0].Notes);
    }

    [Fact]
    public void A_saved_configuration_reads_back_with_every_field()
    {
        var store = NewStore();
        var original = Sample();
        original.Instances[0].Advanced.SnapshotIntervalSeconds = 45;
        original.Instances[0].NumberRules.Dial.Add(new NumberRuleConfiguration { Search = "^80(.*)", Replace = "0\\1", IsRegex = true });

        store.Save(original);
        var loaded = store.Load();

        Assert.Equal(ConfigurationStore.Serialize(original), ConfigurationStore.Serialize(loaded));
        Assert.Equal("^80(.*)", loaded.Instances[0].NumberRules.Dial[0].Search);
    }

    [Fact]
    public void Fields_this_host_does_not_know_survive_a_round_trip()
    {
        var store = NewStore();
        File.WriteAllText(store.Path, """
            {
              "schemaVersion": 2,
              "futureSetting": { "a": 1 },
              "instances": [ { "name": "office", "host": "h.example", "user": "u", "futureInstanceField": "keep me",
                               "lines": [ { "userId": "a@x", "futureLineField": 7 } ] } ]
            }
            """);

        store.Save(store.Load());
        var written = JObject.Parse(File.ReadAllText(store.Path));

        Assert.Equal(1, written["futureSetting"]?["a"]?.Value<int>());
        Assert.Equal("keep me", written["instances"]?[0]?["futureInstanceField"]?.Value<string>());
        Assert.Equal(7, written["instances"]?[0]?["lines"]?[0]?["futureLineField"]?.Value<int>());
    }

    [Fact]
    public void Saving_keeps_the_previous_file_as_bak()
    {
        var store = NewStore();
        store.Save(Sample("first"));
        var firstText = File.ReadAllText(store.Path);

        store.Save(Sample("second"));

        Assert.Equal(firstText, File.ReadAllText(ConfigurationPaths.BackupFile(store.Path)));
        Assert.Equal("second", store.Load().Instances[0].Name);
    }

    [Fact]
    public void A_crash_between_the_temporary_write_and_the_rename_leaves_the_old_file_intact()
    {
        var store = NewStore();
        store.Save(Sample("old"));
        var before = File.ReadAllBytes(store.Path);
        store.BeforeReplace = () => throw new IOException("simulated crash before rename");

        Assert.Throws<IOException>(() => store.Save(Sample("new")));

        Assert.Equal(before, File.ReadAllBytes(store.Path));
        Assert.Equal("old", store.Load().Instances[0].Name);
        Assert.Empty(Directory.GetFiles(_temp.Path, "*.tmp"));
    }

    [Fact]
    public void A_malformed_file_is_refused_with_its_path_and_line_and_is_not_changed()
    {
        var store = NewStore();
        const string broken = "{\n  \"schemaVersion\": 2,\n  \"instances\": [\n    { \"name\": \"office\" \"host\": \"x\" }\n  ]\n}\n";
        File.WriteAllText(store.Path, broken);

        var ex = Assert.Throws<ConfigurationException>(() => store.Load());

        Assert.StartsWith($"{store.Path} line 4,", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.Equal(broken, File.ReadAllText(store.Path));
        Assert.False(File.Exists(ConfigurationPaths.BackupFile(store.Path)));
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_refused_with_its_line()
    {
        var store = NewStore();
        File.WriteAllText(store.Path, "{\n  \"instances\": [\n    { \"name\": \"office\",\n      \"port\": \"not a number\" }\n  ],\n  \"schemaVersion\": 2\n}\n");

        var ex = Assert.Throws<ConfigurationException>(() => store.Load());

        Assert.Contains(" line 4,", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_older_schema_is_migrated_and_the_old_file_is_kept_as_bak()
    {
        var store = NewStore();
        const string version1 = """
            {
              "schemaVersion": 1,
              "instances": [ { "name": "office", "host": "h.example", "type": "cti", "login": "admin@x",
                               "lines": [ { "number": "100", "name": "Alice" } ] } ]
            }
            """;
        File.WriteAllText(store.Path, version1);

        var loaded = store.Load();

        var instance = Assert.Single(loaded.Instances);
        Assert.Equal("cti", instance.ConnectionType);
        Assert.Equal("admin@x", instance.User);
        Assert.Equal("100", Assert.Single(instance.Lines).UserId);
        Assert.Equal(version1, File.ReadAllText(ConfigurationPaths.BackupFile(store.Path)));
        Assert.Equal(EcstaConfiguration.CurrentSchemaVersion, JObject.Parse(File.ReadAllText(store.Path))["schemaVersion"]?.Value<int>());
    }

    [Fact]
    public void A_file_from_a_newer_host_is_refused_and_left_unchanged()
    {
        var store = NewStore();
        const string future = "{ \"schemaVersion\": 99, \"instances\": [] }";
        File.WriteAllText(store.Path, future);

        var ex = Assert.Throws<ConfigurationException>(() => store.Load());

        Assert.Contains("newer Ecsta", ex.Message, StringComparison.Ordinal);
        Assert.Equal(future, File.ReadAllText(store.Path));
    }

    [Fact]
    public void A_protected_password_is_not_in_the_file_in_clear_and_reads_back()
    {
        var store = NewStore();
        var configuration = Sample();
        configuration.Instances[0].PasswordProtected = store.Secrets.Protect("S3cret-Passw0rd");

        store.Save(configuration);

        Assert.DoesNotContain("S3cret-Passw0rd", File.ReadAllText(store.Path), StringComparison.Ordinal);
        Assert.Equal("S3cret-Passw0rd", NewStore().Secrets.Unprotect(store.Load().Instances[0].PasswordProtected!));
    }

    [Fact]
    public void The_file_and_the_key_ring_are_readable_by_their_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix modes do not exist there; ACLs are the OS default for the profile folder.
        }

        var store = NewStore();
        var configuration = Sample();
        configuration.Instances[0].PasswordProtected = store.Secrets.Protect("x");
        store.Save(configuration);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.Path));
        var keys = ConfigurationPaths.KeyRingDirectory(store.Path);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(keys));
        foreach (var key in Directory.GetFiles(keys))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        }
    }

    public void Dispose() => _temp.Dispose();
}
