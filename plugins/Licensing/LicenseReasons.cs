using System.Globalization;

namespace Ecsta.Plugins.Licensing;

/// <summary>
/// The texts users see. Each refusal starts with a fixed phrase (the constants) so that the CLI, the dialog
/// and tests can tell them apart.
/// </summary>
internal static class LicenseReasons
{
    public const string WrongFormat = "Wrong format";
    public const string BadSignature = "Bad signature";
    public const string Expired = "Expired";
    public const string AlreadyAdded = "Already added";
    public const string NotSaved = "Not saved";
    public const string NoSeat = "No line license free";
    public const string TrialEnded = "Trial ended";
    public const string TrialVoid = "Trial void";

    public static string WrongFormatBecause(string? detail) =>
        $"{WrongFormat}: {detail ?? "this is not a license code"}. A code looks like ECSTA1-XXXXX-XXXXX-…";

    public static string BadSignatureText() =>
        $"{BadSignature}: the code was mistyped, altered, or not issued by a trusted vendor key.";

    public static string ExpiredOn(DateOnly date) =>
        $"{Expired}: the code expired on {Date(date)}.";

    public static string AlreadyAddedText(string id) =>
        $"{AlreadyAdded}: code {id} is already present and counts once.";

    public static string NotSavedBecause(string detail) =>
        $"{NotSaved}: the license state could not be written ({detail}).";

    public static string NoSeatText(int total, bool trial) => trial
        ? $"{NoSeat}: all {total} trial lines are open; close a line or add a license code."
        : $"{NoSeat}: all {total} licensed lines are open; close a line or add a license code for more lines.";

    public static string TrialEndedOn(DateTimeOffset end) =>
        $"{TrialEnded}: the 45-day trial ended on {Date(DateOnly.FromDateTime(end.UtcDateTime))} and no valid license code is present; add a license code to use lines.";

    public static string TrialVoidBecause(string finding) =>
        $"{TrialVoid}: {finding}, so the trial is over; add a license code to use lines.";

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
