namespace Buurtplatform.Web.Media;

/// <summary>What a rule about a photo's details says is missing or wrong.</summary>
public enum DetailProblem
{
    AltTextOrDecorative,
    AltTextAndDecorative,
    AltTextTooLong,
    FocalPointOutOfRange,
    ChildrenQuestionUnanswered,
    ConsentGivenByMissing,
    ConsentDateMissing,
    ConsentDateInFuture,
    ConsentUseMissing,
    ConsentWithoutChildren,
    DescriptionTooLong,
}

/// <summary>
/// What an editor says about a photo, from the media library or a content file. The same rules hold for both:
/// alt text, or an explicit "decorative"; the children question answered; consent recorded when the answer is yes.
/// </summary>
public sealed record PhotoDetails
{
    public const int AltTextMaxLength = 300;

    public const int DescriptionMaxLength = 1000;

    public string? AltText { get; init; }

    public bool IsDecorative { get; init; }

    public string? Description { get; init; }

    public double FocalX { get; init; } = 0.5;

    public double FocalY { get; init; } = 0.5;

    /// <summary>"Are recognisable children in this photo?" — null means not answered, which is refused.</summary>
    public bool? ChildrenRecognisable { get; init; }

    public string? ConsentGivenBy { get; init; }

    public DateOnly? ConsentDate { get; init; }

    public ConsentUse? ConsentUse { get; init; }

    /// <summary>Every rule broken, with the field it concerns (<c>alt</c>, <c>focus</c>, <c>childrenRecognisable</c>, <c>consent.givenBy</c> …).</summary>
    public IEnumerable<(string Field, DetailProblem Problem)> Problems(DateOnly today)
    {
        var alt = string.IsNullOrWhiteSpace(AltText) ? null : AltText.Trim();
        if (alt is null && !IsDecorative)
            yield return ("alt", DetailProblem.AltTextOrDecorative);
        if (alt is not null && IsDecorative)
            yield return ("alt", DetailProblem.AltTextAndDecorative);
        if (alt is { Length: > AltTextMaxLength })
            yield return ("alt", DetailProblem.AltTextTooLong);
        if (Description is { Length: > DescriptionMaxLength })
            yield return ("description", DetailProblem.DescriptionTooLong);
        if (FocalX is < 0 or > 1 || FocalY is < 0 or > 1 || double.IsNaN(FocalX) || double.IsNaN(FocalY))
            yield return ("focus", DetailProblem.FocalPointOutOfRange);
        switch (ChildrenRecognisable)
        {
            case null:
                yield return ("childrenRecognisable", DetailProblem.ChildrenQuestionUnanswered);
                break;
            case true:
                if (string.IsNullOrWhiteSpace(ConsentGivenBy))
                    yield return ("consent.givenBy", DetailProblem.ConsentGivenByMissing);
                if (ConsentDate is null)
                    yield return ("consent.date", DetailProblem.ConsentDateMissing);
                else if (ConsentDate > today)
                    yield return ("consent.date", DetailProblem.ConsentDateInFuture);
                if (ConsentUse is null)
                    yield return ("consent.use", DetailProblem.ConsentUseMissing);
                break;
            case false:
                if (!string.IsNullOrWhiteSpace(ConsentGivenBy) || ConsentDate is not null || ConsentUse is not null)
                    yield return ("consent", DetailProblem.ConsentWithoutChildren);
                break;
        }
    }

    /// <summary>Copies the details onto the item (after <see cref="Problems"/> found none).</summary>
    public void ApplyTo(MediaItem item)
    {
        item.AltText = IsDecorative ? null : AltText?.Trim();
        item.IsDecorative = IsDecorative;
        item.Description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim();
        item.FocalX = Math.Round(FocalX, 3);
        item.FocalY = Math.Round(FocalY, 3);
        item.ChildrenRecognisable = ChildrenRecognisable ?? throw new InvalidOperationException("The children question must be answered.");
        item.ConsentGivenBy = item.ChildrenRecognisable ? ConsentGivenBy?.Trim() : null;
        item.ConsentDate = item.ChildrenRecognisable ? ConsentDate : null;
        item.ConsentUse = item.ChildrenRecognisable ? ConsentUse : null;
    }

    public static PhotoDetails From(MediaItem item) => new()
    {
        AltText = item.AltText,
        IsDecorative = item.IsDecorative,
        Description = item.Description,
        FocalX = item.FocalX,
        FocalY = item.FocalY,
        ChildrenRecognisable = item.ChildrenRecognisable,
        ConsentGivenBy = item.ConsentGivenBy,
        ConsentDate = item.ConsentDate,
        ConsentUse = item.ConsentUse,
    };
}
