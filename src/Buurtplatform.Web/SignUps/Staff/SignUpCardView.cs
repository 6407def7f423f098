namespace Buurtplatform.Web.SignUps.Staff;

/// <summary>What the sign-up card partial needs: the row, where its form posts, and whether to name the activity.</summary>
public sealed record SignUpCardView(InboxRow Row, string Action, bool ShowActivity)
{
    /// <summary>The states staff may choose: with a place, any state that holds one or afgemeld; on the waitlist, only afgemeld.</summary>
    public IEnumerable<SignUpState> Choices(SignUpState current) => current switch
    {
        SignUpState.Waitlisted => [SignUpState.Waitlisted, SignUpState.Cancelled],
        SignUpState.Cancelled => [SignUpState.Cancelled],
        _ => [.. SignUpStates.Holding, SignUpState.Cancelled],
    };
}
