using System.Numerics;
using System.Security.Cryptography;
using Ecsta.Abstractions.Licensing;
using Ecsta.Plugins.Licensing.Codes;
using Ecsta.Plugins.Licensing.Tests.Support;

namespace Ecsta.Plugins.Licensing.Tests;

public sealed class CodeTests : IDisposable
{
    private readonly LicensingBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public void A_valid_code_for_50_lines_unlocks_50_seats_and_raises_StatusChanged()
    {
        var pool = _bed.Open();
        var changes = 0;
        pool.StatusChanged += (_, _) => changes++;

        var result = pool.AddCode(_bed.Issue(50, id: 0x0123456789ABCDEF, licensee: "Müller & Söhne"));

        Assert.True(result.Accepted);
        Assert.Null(result.Reason);
        Assert.Equal(new LicenseCodeInfo("0123456789ABCDEF", "Müller & Söhne", 50, new DateOnly(2026, 2, 1), null, true), result.Code);
        Assert.Equal(1, changes);
        var status = pool.GetStatus();
        Assert.Equal(LicenseMode.Licensed, status.Mode);
        Assert.Equal(50, status.SeatsTotal);
        Assert.Equal(50, pool.OpenLines("main", 51));
        Assert.Equal(result.Code, Assert.Single(pool.GetStatus().Codes));
    }

    [Fact]
    public void Two_codes_add_up_their_lines()
    {
        var pool = _bed.Open();

        pool.AddCode(_bed.Issue(50));
        pool.AddCode(_bed.Issue(10));

        Assert.Equal(60, pool.GetStatus().SeatsTotal);
        Assert.Equal(2, pool.GetStatus().Codes.Count);
    }

    [Fact]
    public void A_code_added_twice_is_accepted_as_already_added_and_counts_once()
    {
        var pool = _bed.Open();
        var code = _bed.Issue(50);
        pool.AddCode(code);

        var again = pool.AddCode(code.ToLowerInvariant());

        Assert.True(again.Accepted);
        Assert.StartsWith(LicenseReasons.AlreadyAdded, again.Reason, StringComparison.Ordinal);
        Assert.Equal(50, pool.GetStatus().SeatsTotal);
        Assert.Single(pool.GetStatus().Codes);
    }

    [Fact]
    public void A_second_valid_signature_for_the_same_code_counts_once()
    {
        // ECDSA signatures are malleable: (r, n - s) verifies as well as (r, s). Codes are counted by id, so this gains nothing.
        var pool = _bed.Open();
        var code = _bed.Issue(50);
        Assert.True(LicenseCodeText.TryParse(code, out var payload, out var signature, out _));
        var order = BigInteger.Parse("0FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", System.Globalization.NumberStyles.HexNumber);
        var s = new BigInteger(signature.AsSpan(32), isUnsigned: true, isBigEndian: true);
        var flipped = (order - s).ToByteArray(isUnsigned: true, isBigEndian: true);
        var other = signature[..32].Concat(new byte[32 - flipped.Length]).Concat(flipped).ToArray();
        var variant = LicenseCodeText.Format(payload, other);
        Assert.NotEqual(code, variant);

        Assert.True(pool.AddCode(code).Accepted);
        var second = pool.AddCode(variant);

        Assert.True(second.Accepted);
        Assert.StartsWith(LicenseReasons.AlreadyAdded, second.Reason, StringComparison.Ordinal);
        Assert.Equal(50, pool.GetStatus().SeatsTotal);
    }

    [Fact]
    public void A_code_whose_line_count_was_altered_is_refused_as_bad_signature()
    {
        var pool = _bed.Open();
        Assert.True(LicenseCodeText.TryParse(_bed.Issue(5), out var payload, out var signature, out _));
        payload[14] = 250; // lines 5 -> 250
        var tampered = LicenseCodeText.Format(payload, signature);

        var result = pool.AddCode(tampered);

        Assert.False(result.Accepted);
        Assert.StartsWith(LicenseReasons.BadSignature, result.Reason, StringComparison.Ordinal);
        Assert.Null(result.Code);
        Assert.Equal(LicenseMode.Trial, pool.GetStatus().Mode);
    }

    [Fact]
    public void A_mistyped_character_is_refused_as_bad_signature()
    {
        var pool = _bed.Open();
        var code = _bed.Issue(5);
        var position = code.Length - 10;
        var typo = code[..position] + (code[position] == 'A' ? 'B' : 'A') + code[(position + 1)..];

        var result = pool.AddCode(typo);

        Assert.False(result.Accepted);
        Assert.StartsWith(LicenseReasons.BadSignature, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_code_is_refused_as_wrong_format()
    {
        var pool = _bed.Open();
        var code = _bed.Issue(5);

        var cutByAGroup = pool.AddCode(code[..^6]);
        var cutByOneSymbol = pool.AddCode(code[..^1]);

        Assert.False(cutByAGroup.Accepted);
        Assert.StartsWith(LicenseReasons.WrongFormat, cutByAGroup.Reason, StringComparison.Ordinal);
        Assert.Contains("incomplete", cutByAGroup.Reason, StringComparison.Ordinal);
        Assert.False(cutByOneSymbol.Accepted);
        Assert.StartsWith(LicenseReasons.WrongFormat, cutByOneSymbol.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData('U')]
    [InlineData('*')]
    [InlineData('Ä')]
    public void A_code_with_a_character_outside_the_alphabet_is_refused_as_wrong_format(char bad)
    {
        var pool = _bed.Open();
        var code = _bed.Issue(5);
        var broken = code[..12] + bad + code[13..];

        var result = pool.AddCode(broken);

        Assert.False(result.Accepted);
        Assert.StartsWith(LicenseReasons.WrongFormat, result.Reason, StringComparison.Ordinal);
        Assert.Contains($"'{bad}'", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("ECSTA2-AAAAA-BBBBB")]
    public void Text_that_is_not_a_code_is_refused_as_wrong_format(string text)
    {
        var result = _bed.Open().AddCode(text);

        Assert.False(result.Accepted);
        Assert.StartsWith(LicenseReasons.WrongFormat, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_code_signed_with_an_unknown_key_is_refused_as_bad_signature()
    {
        using var foreignKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pool = _bed.Open();

        var result = pool.AddCode(_bed.Issue(50, key: foreignKey));

        Assert.False(result.Accepted);
        Assert.StartsWith(LicenseReasons.BadSignature, result.Reason, StringComparison.Ordinal);
        Assert.Equal(25, pool.GetStatus().SeatsTotal);
    }

    [Fact]
    public void An_expired_code_is_refused_as_expired_with_its_date()
    {
        var pool = _bed.Open();

        var result = pool.AddCode(_bed.Issue(50, expires: new DateOnly(2026, 2, 28)));

        Assert.False(result.Accepted);
        Assert.StartsWith(LicenseReasons.Expired, result.Reason, StringComparison.Ordinal);
        Assert.Contains("2026-02-28", result.Reason, StringComparison.Ordinal);
        Assert.False(result.Code!.IsValid);
        Assert.Empty(pool.GetStatus().Codes);
    }

    [Fact]
    public void Refusals_for_format_signature_expiry_and_repetition_have_distinct_reasons()
    {
        using var foreignKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pool = _bed.Open();
        var good = _bed.Issue(5);
        pool.AddCode(good);

        string?[] reasons =
        [
            pool.AddCode(good[..^6]).Reason,
            pool.AddCode(_bed.Issue(5, key: foreignKey)).Reason,
            pool.AddCode(_bed.Issue(5, expires: new DateOnly(2026, 2, 2))).Reason,
            pool.AddCode(good).Reason,
        ];

        var prefixes = reasons.Select(r => r!.Split(':')[0]).ToArray();
        Assert.Equal([LicenseReasons.WrongFormat, LicenseReasons.BadSignature, LicenseReasons.Expired, LicenseReasons.AlreadyAdded], prefixes);
    }

    [Fact]
    public void A_code_typed_in_lower_case_with_spaces_and_O_for_zero_is_accepted()
    {
        var pool = _bed.Open();
        var code = _bed.Issue(7);
        var body = code["ECSTA1-".Length..].ToLowerInvariant().Replace('-', ' ').Replace('0', 'o').Replace('1', 'l');
        var typed = "  ecsta1-" + body + " ";

        var result = pool.AddCode(typed);

        Assert.True(result.Accepted, result.Reason);
        Assert.Equal(7, pool.GetStatus().SeatsTotal);
    }

    [Fact]
    public void A_code_counts_through_its_expiry_day_and_then_the_running_trial_applies_again()
    {
        var pool = _bed.Open();
        pool.AddCode(_bed.Issue(50, expires: new DateOnly(2026, 3, 10)));
        var changes = 0;
        pool.StatusChanged += (_, _) => changes++;

        _bed.Time.Advance(new DateTimeOffset(2026, 3, 10, 23, 59, 0, TimeSpan.Zero) - _bed.Time.GetUtcNow());
        Assert.Equal(LicenseMode.Licensed, pool.GetStatus().Mode);
        Assert.Equal(0, changes);

        _bed.Time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(1, changes);
        var status = pool.GetStatus();
        Assert.Equal(LicenseMode.Trial, status.Mode);
        Assert.Equal(25, status.SeatsTotal);
        Assert.False(Assert.Single(status.Codes).IsValid);
    }
}
