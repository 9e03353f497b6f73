using Ecsta.Abstractions.Tapi;

namespace Ecsta.Abstractions.Tests;

/// <summary>Spot checks of TAPI constants against the values of the Windows SDK's tapi.h (the call features also in docs/tapi-mapping.md appendix A), so a typo cannot slip in.</summary>
public sealed class TapiConstantsTests
{
    [Theory]
    [InlineData(LineCallState.IDLE, 0x1u)]
    [InlineData(LineCallState.OFFERING, 0x2u)]
    [InlineData(LineCallState.DIALTONE, 0x8u)]
    [InlineData(LineCallState.RINGBACK, 0x20u)]
    [InlineData(LineCallState.CONNECTED, 0x100u)]
    [InlineData(LineCallState.PROCEEDING, 0x200u)]
    [InlineData(LineCallState.ONHOLD, 0x400u)]
    [InlineData(LineCallState.CONFERENCED, 0x800u)]
    [InlineData(LineCallState.ONHOLDPENDTRANSFER, 0x2000u)]
    [InlineData(LineCallState.DISCONNECTED, 0x4000u)]
    public void Call_states_have_their_tapi_h_values(LineCallState state, uint value) => Assert.Equal(value, (uint)state);

    [Fact]
    public void The_call_feature_mask_of_the_mapping_is_the_sum_of_the_features_it_names()
    {
        var mask = LineCallFeature.ADDTOCONF | LineCallFeature.ANSWER | LineCallFeature.BLINDTRANSFER | LineCallFeature.COMPLETETRANSF
            | LineCallFeature.DIAL | LineCallFeature.DROP | LineCallFeature.HOLD | LineCallFeature.REDIRECT | LineCallFeature.SETUPTRANSFER
            | LineCallFeature.SWAPHOLD | LineCallFeature.UNHOLD | LineCallFeature.SETCALLDATA | LineCallFeature.GENERATEDIGITS;

        Assert.Equal(0x8E020AEEu, (uint)mask);
    }

    [Theory]
    [InlineData(LineErr.INVALADDRESS, 0x80000010u)]
    [InlineData(LineErr.INCOMPATIBLEEXTVERSION, 0x8000000Du)]
    [InlineData(LineErr.INVALADDRESSMODE, 0x80000012u)]
    [InlineData(LineErr.INVALADDRESSSTATE, 0x80000013u)]
    [InlineData(LineErr.INVALCALLSELECT, 0x8000001Bu)]
    [InlineData(LineErr.INVALDEVICECLASS, 0x80000023u)]
    [InlineData(LineErr.INVALMEDIAMODE, 0x8000002Fu)]
    [InlineData(LineErr.INVALCALLSTATE, 0x8000001Cu)]
    [InlineData(LineErr.INVALLINESTATE, 0x8000002Cu)]
    [InlineData(LineErr.INVALPARAM, 0x80000032u)]
    [InlineData(LineErr.OPERATIONFAILED, 0x80000048u)]
    [InlineData(LineErr.OPERATIONUNAVAIL, 0x80000049u)]
    [InlineData(LineErr.RESOURCEUNAVAIL, 0x8000004Bu)]
    public void Errors_have_their_tapi_h_values(LineErr error, uint value) => Assert.Equal(value, (uint)error);

    [Theory]
    [InlineData(LineMessage.LINE_ADDRESSSTATE, 0u)]
    [InlineData(LineMessage.LINE_CALLINFO, 1u)]
    [InlineData(LineMessage.LINE_CALLSTATE, 2u)]
    [InlineData(LineMessage.LINE_CLOSE, 3u)]
    [InlineData(LineMessage.LINE_LINEDEVSTATE, 8u)]
    [InlineData(LineMessage.LINE_REPLY, 12u)]
    [InlineData(LineMessage.LINE_CREATE, 19u)]
    [InlineData(LineMessage.LINE_REMOVE, 25u)]
    [InlineData(LineMessage.LINE_NEWCALL, 500u)]
    public void Message_ids_have_their_tspi_h_values(LineMessage message, uint value) => Assert.Equal(value, (uint)message);

    [Fact]
    public void Forward_modes_address_and_device_states_have_their_tapi_h_values()
    {
        Assert.Equal(0x111u, (uint)(LineForwardMode.UNCOND | LineForwardMode.BUSY | LineForwardMode.NOANSW));
        Assert.Equal(0x3001u, (uint)(LineAddrFeature.FORWARD | LineAddrFeature.FORWARDFWD | LineAddrFeature.FORWARDDND));
        Assert.Equal(0x40u, (uint)LineAddressState.FORWARD);
        Assert.Equal(0x20u, (uint)LineAddressState.NUMCALLS);
        Assert.Equal(0x80u, (uint)LineDevState.OUTOFSERVICE);
        Assert.Equal(0x40u, (uint)LineDevState.INSERVICE);
        Assert.Equal(0x100u, (uint)LineCallInfoState.ORIGIN);
        Assert.Equal(0x200u, (uint)LineCallInfoState.REASON);
    }
}
