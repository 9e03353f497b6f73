using System.Composition.Hosting;
using Ecsta.Abstractions.Licensing;
using Ecsta.Plugins.Licensing.Codes;
using Ecsta.Plugins.Licensing.Tests.Support;

namespace Ecsta.Plugins.Licensing.Tests;

public sealed class FormatTests : IDisposable
{
    private readonly LicensingBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public void Base32_round_trips_every_length_and_byte_value()
    {
        var random = new Random(7);
        for (var length = 0; length <= 40; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);

            Assert.True(CrockfordBase32.TryDecode(CrockfordBase32.Encode(data), out var decoded, out var error), error);
            Assert.Equal(data, decoded);
        }
    }

    [Fact]
    public void A_code_is_the_ECSTA1_prefix_and_groups_of_five_base32_symbols()
    {
        var code = _bed.Issue(50, licensee: "Beispiel GmbH");

        Assert.StartsWith("ECSTA1-", code, StringComparison.Ordinal);
        var groups = code["ECSTA1-".Length..].Split('-');
        Assert.All(groups[..^1], g => Assert.Equal(5, g.Length));
        Assert.All(groups, g => Assert.Matches("^[0-9A-HJKMNP-TV-Z]+$", g));
        // 16 bytes header + 13 bytes licensee + 64 bytes signature = 93 bytes = 149 symbols.
        Assert.Equal(149, string.Concat(groups).Length);
    }

    [Fact]
    public void Decoding_reads_I_and_L_as_one_and_O_as_zero()
    {
        Assert.True(CrockfordBase32.TryDecode("olIl0", out var a, out _));
        Assert.True(CrockfordBase32.TryDecode("01110", out var b, out _));

        Assert.Equal(b, a);
    }

    [Fact]
    public void The_provider_is_found_through_its_composition_export()
    {
        using var container = new ContainerConfiguration().WithAssembly(typeof(LicensingProvider).Assembly).CreateContainer();

        Assert.IsType<LicensingProvider>(container.GetExport<ILicensingProvider>());
    }

    [Fact]
    public void The_built_in_vendor_key_is_a_P256_public_key()
    {
        using var verifier = new LicenseCodeVerifier(VendorKey.PublicKey);

        Assert.Equal(1, verifier.KeyCount);
    }
}
