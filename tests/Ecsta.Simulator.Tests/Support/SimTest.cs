using System.Net.Http.Headers;
using System.Text;
using Ecsta.Simulator.CallEngine;
using Ecsta.Simulator.Events;

namespace Ecsta.Simulator.Tests.Support;

/// <summary>Starts a simulator with fast timings on free loopback ports and makes clients for it.</summary>
internal sealed class SimTest : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];
    private readonly List<IDisposable> _ownedSync = [];

    private SimTest(XspSimulator sim) => Sim = sim;

    public XspSimulator Sim { get; }

    public SimUser User(int index) => Sim.Users[index];

    public static SimulatorOptions FastOptions(int users = 4) => new()
    {
        Users = users,
        Engine = new CallEngineOptions
        {
            AutoAnswerDelay = TimeSpan.FromMilliseconds(10),
            BusyTreatment = TimeSpan.FromMilliseconds(10),
            RingInterval = TimeSpan.FromMilliseconds(20),
            NoAnswerTimeout = TimeSpan.FromSeconds(30),
        },
        Events = new EventOptions
        {
            HousekeepingInterval = TimeSpan.FromMilliseconds(20),
            AcknowledgementTimeout = TimeSpan.FromSeconds(10),
        },
    };

    public static async Task<SimTest> StartAsync(SimulatorOptions? options = null)
    {
        var sim = await XspSimulator.StartAsync(options ?? FastOptions());
        sim.Engine.FarEnds.Default = FarEndBehavior.AnswerAfterDelay(TimeSpan.FromMilliseconds(30));
        return new SimTest(sim);
    }

    public HttpClient Client(SimUser user) => Client(user.UserId, user.Password);

    public HttpClient AdminClient() => Client(Sim.Administrator.UserId, Sim.Administrator.Password);

    public HttpClient Client(string login, string password, bool https = false)
    {
        HttpMessageHandler handler = https
            ? new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, cert, _, errors) => Sim.Certificates.Validate(cert, errors) }
            : new HttpClientHandler();
        var client = new HttpClient(handler) { BaseAddress = https ? Sim.XsiHttpsBaseUri : Sim.XsiBaseUri, Timeout = TimeSpan.FromSeconds(20) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(login + ":" + password)));
        _ownedSync.Add(client);
        return client;
    }

    /// <summary>A streaming channel with auto-acknowledge, owned by this test.</summary>
    public async Task<EventStream> OpenChannelAsync(SimUser user, bool autoAck = true, string? channelSetId = null) =>
        await OpenChannelAsync(user.UserId, user.Password, autoAck, channelSetId);

    public async Task<EventStream> OpenChannelAsync(string login, string password, bool autoAck = true, string? channelSetId = null, int priority = 1, int weight = 50, string? applicationId = null)
    {
        var stream = await EventStream.OpenAsync(Client(login, password), Client(login, password), autoAck, channelSetId ?? "set-" + Guid.NewGuid(), priority, weight, applicationId);
        _owned.Add(stream);
        return stream;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }

        foreach (var owned in _ownedSync)
        {
            owned.Dispose();
        }

        await Sim.DisposeAsync();
    }
}
