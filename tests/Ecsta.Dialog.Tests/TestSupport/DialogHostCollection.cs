namespace Ecsta.Dialog.Tests.TestSupport;

/// <summary>One configured host shared by the dialog's API and browser tests (each test uses its own instance names).</summary>
[CollectionDefinition(Name)]
public sealed class DialogHostCollection : ICollectionFixture<DialogHostFixture>
{
    public const string Name = "Dialog host";
}

/// <summary>Starts the shared host once.</summary>
public sealed class DialogHostFixture : IAsyncLifetime
{
    private DialogHost? _host;

    public DialogHost Host => _host ?? throw new InvalidOperationException("the host has not started");

    public async Task InitializeAsync() => _host = await DialogHost.StartAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
