namespace Buurtplatform.Web.Content;

/// <summary>One problem in a content file: where it is and how to fix it.</summary>
public sealed record ContentError(string File, int Line, string Field, string Message)
{
    public override string ToString() =>
        Field.Length == 0 ? $"{File}:{Line}: {Message}" : $"{File}:{Line}: field '{Field}': {Message}";
}

/// <summary>The content folder has errors; nothing was imported.</summary>
public sealed class ContentImportException(IReadOnlyList<ContentError> errors)
    : Exception("The content was not imported; fix these and try again:" + Environment.NewLine
        + string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
{
    public IReadOnlyList<ContentError> Errors { get; } = errors;
}
