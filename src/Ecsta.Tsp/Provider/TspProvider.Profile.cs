using Ecsta.Abstractions.Tapi;
using Ecsta.Abstractions.Transports;

namespace Ecsta.Tsp.Provider;

/// <summary>
/// A line configured without a number or a name (a bare user id, or the workstation line) takes them from the user's
/// BroadWorks profile when it comes into service; the change reaches applications as LINEDEVSTATE_CAPSCHANGE and
/// LINEADDRESSSTATE_CAPSCHANGE (LINEDEVCAPS' line name and LINEADDRESSCAPS' address changed).
/// </summary>
public sealed partial class TspProvider
{
    /// <summary>Starts reading the line's profile if the configuration leaves its number or name empty (on the loop).</summary>
    private void ReadProfileIfWanted(LineDevice line)
    {
        if (!line.WantsProfile || line.ProfileLoading || line.Removed)
        {
            return;
        }

        line.ProfileLoading = true;
        _background.Track(ReadProfileAsync(line));
    }

    /// <summary>Reads the profile under the same bound as the service reads (<see cref="ServiceReader"/>), then applies it on the loop.</summary>
    private async Task ReadProfileAsync(LineDevice line)
    {
        var (started, profile, failed) = await _serviceReader.ReadProfileAsync(line.UserId).ConfigureAwait(false);
        if (started)
        {
            Post(() => TakeProfile(line, profile, failed));
        }
    }

    private void TakeProfile(LineDevice line, PlatformLine? profile, bool failed)
    {
        line.ProfileLoading = false;
        if (line.Removed || failed)
        {
            return;
        }

        if (profile is null)
        {
            line.ProfileUnavailable = true;
            _log.Debug("The transport reads no profile; line {DeviceId} ({UserId}) keeps its configured number and name", line.DeviceId, line.UserId);
            return;
        }

        if (line.TakeProfile(profile))
        {
            AnnounceCapsChange(line);
        }
    }

    /// <summary>The line's number or name changed: LINEDEVCAPS and LINEADDRESSCAPS are to be read again.</summary>
    private void AnnounceCapsChange(LineDevice line)
    {
        _log.Information("Line {DeviceId} ({UserId}) is now {Number} / {Name}", line.DeviceId, line.UserId, line.Settings.Number, line.Settings.Name);
        SendLineDevState(line, LineDevState.CAPSCHANGE);
        SendAddressState(line, LineAddressState.CAPSCHANGE);
    }
}
