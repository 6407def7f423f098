using System.Text.Json;
using Buurtplatform.Web.Accounts;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Buurtplatform.Web.SignUps;

internal sealed class SignUpConfiguration : IEntityTypeConfiguration<SignUp>
{
    public void Configure(EntityTypeBuilder<SignUp> b)
    {
        b.ToTable("SignUps");
        b.Property(s => s.State).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.FirstName).HasMaxLength(100);
        b.Property(s => s.Phone).HasMaxLength(20);
        b.Property(s => s.Email).HasMaxLength(256);
        b.Property(s => s.ContactLanguage).HasMaxLength(8);
        b.Property(s => s.Remark).HasMaxLength(2000);
        b.Property(s => s.Note).HasMaxLength(2000);
        b.Property(s => s.TokenHash).HasMaxLength(64);
        b.Property(s => s.HandledById).HasMaxLength(64);
        b.Property(s => s.HandledByName).HasMaxLength(256);
        b.Property(s => s.ChildAges).HasConversion(SignUpConversions.Ages, ListConversions.Comparer<ChildAge>()).HasMaxLength(200);
        b.Property(s => s.Answers).HasConversion(SignUpConversions.Answers, ListConversions.Comparer<QuestionAnswer>());
        b.HasIndex(s => s.TokenHash).IsUnique();
        b.HasIndex(s => new { s.SlotId, s.Sequence }).IsUnique();
        b.HasIndex(s => new { s.ActivityId, s.CreatedUtc });
        b.HasIndex(s => s.Email);
        b.HasIndex(s => s.Phone);
        b.HasOne(s => s.Activity).WithMany().HasForeignKey(s => s.ActivityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(s => s.Slot).WithMany().HasForeignKey(s => s.SlotId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SignUpSlotConfiguration : IEntityTypeConfiguration<SignUpSlot>
{
    public void Configure(EntityTypeBuilder<SignUpSlot> b)
    {
        b.ToTable("SignUpSlots");
        b.HasIndex(s => new { s.ActivityId, s.Date }).IsUnique();
        b.Ignore(s => s.IsWholeSeries);
        b.HasOne(s => s.Activity).WithMany().HasForeignKey(s => s.ActivityId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SignUpSettingsConfiguration : IEntityTypeConfiguration<SignUpSettings>
{
    public void Configure(EntityTypeBuilder<SignUpSettings> b)
    {
        b.ToTable("SignUpSettings");
        b.HasKey(s => s.ActivityId);
        b.Property(s => s.Mode).HasConversion<string>().HasMaxLength(16);
        b.HasOne(s => s.Activity).WithOne().HasForeignKey<SignUpSettings>(s => s.ActivityId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SignUpQuestionConfiguration : IEntityTypeConfiguration<SignUpQuestion>
{
    public void Configure(EntityTypeBuilder<SignUpQuestion> b)
    {
        b.ToTable("SignUpQuestions");
        b.Property(q => q.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(q => q.Text).HasMaxLength(200);
        b.Property(q => q.Choices).HasMaxLength(2000);
        b.Ignore(q => q.ChoiceList);
        b.HasIndex(q => new { q.ActivityId, q.Position });
        b.HasOne(q => q.Activity).WithMany().HasForeignKey(q => q.ActivityId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StaffSignUpPreferenceConfiguration : IEntityTypeConfiguration<StaffSignUpPreference>
{
    public void Configure(EntityTypeBuilder<StaffSignUpPreference> b)
    {
        b.ToTable("StaffSignUpPreferences");
        b.HasKey(p => p.UserId);
        b.Property(p => p.Notification).HasConversion<string>().HasMaxLength(16);
        b.HasOne<StaffUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Small structured values stored as text: readable, and the same on both providers.</summary>
internal static class SignUpConversions
{
    /// <summary>"14m,3y": the ages as the parent gave them.</summary>
    public static ValueConverter<List<ChildAge>, string> Ages { get; } = new(
        v => string.Join(',', v.Select(a => a.Value.ToString(CultureInfo.InvariantCulture) + (a.Unit == AgeUnit.Years ? "y" : "m"))),
        v => ParseAges(v));

    public static List<ChildAge> ParseAges(string v) => v.Length == 0 ? [] : v.Split(',', StringSplitOptions.None)
        .Select(s => new ChildAge(int.Parse(s[..^1], CultureInfo.InvariantCulture), s[^1] == 'y' ? AgeUnit.Years : AgeUnit.Months)).ToList();

    public static ValueConverter<List<QuestionAnswer>, string> Answers { get; } = new(
        v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
        v => ParseAnswers(v));

    public static List<QuestionAnswer> ParseAnswers(string v) => JsonSerializer.Deserialize<List<QuestionAnswer>>(v, JsonSerializerOptions.Default) ?? [];
}
