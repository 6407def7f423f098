using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Buurtplatform.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // One migration for the whole model until the first release (docs/architecture.md, "Migrations").
            // Four columns keep the DEFAULT they got when earlier migrations added them to filled tables
            // (Schedule_Interval, Sequence, ProfessionalActivitiesNeedApproval, IndexVersion), so a new database
            // is the same as one migrated through those, also for SQL that leaves them out.

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Role = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    IsDisabled = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastSignInUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    PasswordHash = table.Column<string>(type: "text", nullable: true),
                    SecurityStamp = table.Column<string>(type: "text", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true),
                    PhoneNumber = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditLog",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OccurredUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Action = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ActorId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ActorName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Target = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    Detail = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Origin = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditLog", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ContentRedirects",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OldPath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    NodeKey = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContentRedirects", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ContentSchedules",
                columns: table => new
                {
                    NodeKey = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    PublishAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PublishSetById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PublishSetByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    UnpublishAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    UnpublishSetById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    UnpublishSetByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    LastError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContentSchedules", x => x.NodeKey);
                });

            migrationBuilder.CreateTable(
                name: "ContentVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    NodeKey = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ParentKey = table.Column<Guid>(type: "uuid", nullable: true),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Slug = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CreatedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Comment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    RestoredFromNumber = table.Column<int>(type: "integer", nullable: true),
                    PublishedById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PublishedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    PublishedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReviewComment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ReviewedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ReviewedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PreviewLinkGeneration = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContentVersions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Gemeenten",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Summary = table.Column<string>(type: "text", nullable: false),
                    Body = table.Column<string>(type: "text", nullable: false),
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    Slug = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Gemeenten", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MailOutbox",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    To = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Subject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Body = table.Column<string>(type: "text", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SentUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FailedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MailOutbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SchoolHolidays",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Body = table.Column<string>(type: "text", nullable: false),
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    Slug = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Periods = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SchoolHolidays", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SearchDocuments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    NodeKey = table.Column<Guid>(type: "uuid", nullable: false),
                    IndexVersion = table.Column<long>(type: "bigint", nullable: false, defaultValue: 0L),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Url = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false),
                    TitleText = table.Column<string>(type: "text", nullable: false),
                    BodyText = table.Column<string>(type: "text", nullable: false),
                    Words = table.Column<string>(type: "text", nullable: false),
                    GemeenteId = table.Column<int>(type: "integer", nullable: false),
                    WijkId = table.Column<int>(type: "integer", nullable: false),
                    ActivityType = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    AgeBands = table.Column<int>(type: "integer", nullable: false),
                    DayMask = table.Column<int>(type: "integer", nullable: false),
                    IsFree = table.Column<bool>(type: "boolean", nullable: false),
                    LastDate = table.Column<DateOnly>(type: "date", nullable: true),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchDocuments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SearchIndexState",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchIndexState", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SearchTerms",
                columns: table => new
                {
                    Word = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Documents = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchTerms", x => x.Word);
                });

            migrationBuilder.CreateTable(
                name: "StaffRoleSettings",
                columns: table => new
                {
                    Role = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RequireTwoFactor = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StaffRoleSettings", x => x.Role);
                });

            migrationBuilder.CreateTable(
                name: "AccountTokens",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    Purpose = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    NewEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UsedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountTokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AccountTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ProviderKey = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "text", nullable: true),
                    UserId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserPasskeys",
                columns: table => new
                {
                    CredentialId = table.Column<byte[]>(type: "bytea", maxLength: 1024, nullable: false),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    Data = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserPasskeys", x => x.CredentialId);
                    table.ForeignKey(
                        name: "FK_AspNetUserPasskeys_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    LoginProvider = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StaffSignUpPreferences",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    Notification = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    LastDigestUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StaffSignUpPreferences", x => x.UserId);
                    table.ForeignKey(
                        name: "FK_StaffSignUpPreferences_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Wijken",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    GemeenteId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Summary = table.Column<string>(type: "text", nullable: false),
                    Body = table.Column<string>(type: "text", nullable: false),
                    Postcodes = table.Column<List<int>>(type: "integer[]", nullable: false),
                    ProfessionalActivitiesNeedApproval = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false),
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    Slug = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Wijken", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Wijken_Gemeenten_GemeenteId",
                        column: x => x.GemeenteId,
                        principalTable: "Gemeenten",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MediaItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    StorageName = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    SourceFormat = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    SourceSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    StoredSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Width = table.Column<int>(type: "integer", nullable: false),
                    Height = table.Column<int>(type: "integer", nullable: false),
                    ByteSize = table.Column<long>(type: "bigint", nullable: false),
                    AltText = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    IsDecorative = table.Column<bool>(type: "boolean", nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    FocalX = table.Column<double>(type: "double precision", nullable: false),
                    FocalY = table.Column<double>(type: "double precision", nullable: false),
                    ChildrenRecognisable = table.Column<bool>(type: "boolean", nullable: false),
                    ConsentGivenBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ConsentDate = table.Column<DateOnly>(type: "date", nullable: true),
                    ConsentUse = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ConsentWithdrawnUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ConsentWithdrawnBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    WijkId = table.Column<int>(type: "integer", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MediaItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MediaItems_Wijken_WijkId",
                        column: x => x.WijkId,
                        principalTable: "Wijken",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "Partners",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    WijkId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    Role = table.Column<string>(type: "text", nullable: false),
                    Body = table.Column<string>(type: "text", nullable: false),
                    Website = table.Column<string>(type: "text", nullable: true),
                    Email = table.Column<string>(type: "text", nullable: true),
                    Phone = table.Column<string>(type: "text", nullable: true),
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    Slug = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Partners", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Partners_Wijken_WijkId",
                        column: x => x.WijkId,
                        principalTable: "Wijken",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StaffWijken",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    WijkId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StaffWijken", x => new { x.UserId, x.WijkId });
                    table.ForeignKey(
                        name: "FK_StaffWijken_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_StaffWijken_Wijken_WijkId",
                        column: x => x.WijkId,
                        principalTable: "Wijken",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Visions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    WijkId = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "text", nullable: false),
                    Summary = table.Column<string>(type: "text", nullable: false),
                    Intro = table.Column<string>(type: "text", nullable: false),
                    WrittenByParents = table.Column<string>(type: "text", nullable: false),
                    WrittenByProfessionals = table.Column<string>(type: "text", nullable: false),
                    LastReviewed = table.Column<DateOnly>(type: "date", nullable: false),
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    Slug = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Sections = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Visions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Visions_Wijken_WijkId",
                        column: x => x.WijkId,
                        principalTable: "Wijken",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MeetingPlaces",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    WijkId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    Summary = table.Column<string>(type: "text", nullable: false),
                    Body = table.Column<string>(type: "text", nullable: false),
                    Street = table.Column<string>(type: "text", nullable: false),
                    Postcode = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    City = table.Column<string>(type: "text", nullable: false),
                    AddressIsPlaceholder = table.Column<bool>(type: "boolean", nullable: false),
                    Latitude = table.Column<double>(type: "double precision", nullable: false),
                    Longitude = table.Column<double>(type: "double precision", nullable: false),
                    WheelchairAccessible = table.Column<bool>(type: "boolean", nullable: false),
                    PramAccessible = table.Column<bool>(type: "boolean", nullable: false),
                    AccessibilityNotes = table.Column<string>(type: "text", nullable: true),
                    Facilities = table.Column<List<string>>(type: "text[]", nullable: false),
                    HostPartnerId = table.Column<int>(type: "integer", nullable: false),
                    Professional = table.Column<string>(type: "text", nullable: false),
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    Slug = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    OpeningHours = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingPlaces", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeetingPlaces_Partners_HostPartnerId",
                        column: x => x.HostPartnerId,
                        principalTable: "Partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MeetingPlaces_Wijken_WijkId",
                        column: x => x.WijkId,
                        principalTable: "Wijken",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Activities",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    WijkId = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    Type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Summary = table.Column<string>(type: "text", nullable: false),
                    Body = table.Column<string>(type: "text", nullable: false),
                    AgeFromMonths = table.Column<int>(type: "integer", nullable: false),
                    AgeToMonths = table.Column<int>(type: "integer", nullable: false),
                    Languages = table.Column<List<string>>(type: "text[]", nullable: false),
                    IsFree = table.Column<bool>(type: "boolean", nullable: false),
                    CostAmount = table.Column<decimal>(type: "numeric(8,2)", precision: 8, scale: 2, nullable: true),
                    CostNote = table.Column<string>(type: "text", nullable: true),
                    MeetingPlaceId = table.Column<int>(type: "integer", nullable: false),
                    OrganiserId = table.Column<int>(type: "integer", nullable: false),
                    SignUpRequired = table.Column<bool>(type: "boolean", nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: true),
                    Schedule_StartDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Schedule_StartTime = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    Schedule_EndTime = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    Schedule_Repeat = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Schedule_Interval = table.Column<int>(type: "integer", nullable: false, defaultValue: 0),
                    Schedule_Days = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Schedule_WeekOfMonth = table.Column<int>(type: "integer", nullable: true),
                    Schedule_Until = table.Column<DateOnly>(type: "date", nullable: true),
                    Schedule_Count = table.Column<int>(type: "integer", nullable: true),
                    Schedule_SkipSchoolHolidays = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Schedule_ExtraDates = table.Column<string>(type: "text", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false, defaultValue: 0),
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    Slug = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ScheduleChanges = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Activities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Activities_MeetingPlaces_MeetingPlaceId",
                        column: x => x.MeetingPlaceId,
                        principalTable: "MeetingPlaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Activities_Partners_OrganiserId",
                        column: x => x.OrganiserId,
                        principalTable: "Partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Activities_Wijken_WijkId",
                        column: x => x.WijkId,
                        principalTable: "Wijken",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StaffMeetingPlaces",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    MeetingPlaceId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StaffMeetingPlaces", x => new { x.UserId, x.MeetingPlaceId });
                    table.ForeignKey(
                        name: "FK_StaffMeetingPlaces_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_StaffMeetingPlaces_MeetingPlaces_MeetingPlaceId",
                        column: x => x.MeetingPlaceId,
                        principalTable: "MeetingPlaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MediaUsages",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MediaItemId = table.Column<int>(type: "integer", nullable: false),
                    MeetingPlaceId = table.Column<int>(type: "integer", nullable: true),
                    ActivityId = table.Column<int>(type: "integer", nullable: true),
                    WijkId = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MediaUsages", x => x.Id);
                    table.CheckConstraint("CK_MediaUsages_OneNode", "(CASE WHEN \"MeetingPlaceId\" IS NULL THEN 0 ELSE 1 END) + (CASE WHEN \"ActivityId\" IS NULL THEN 0 ELSE 1 END) + (CASE WHEN \"WijkId\" IS NULL THEN 0 ELSE 1 END) = 1");
                    table.ForeignKey(
                        name: "FK_MediaUsages_Activities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "Activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MediaUsages_MediaItems_MediaItemId",
                        column: x => x.MediaItemId,
                        principalTable: "MediaItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MediaUsages_MeetingPlaces_MeetingPlaceId",
                        column: x => x.MeetingPlaceId,
                        principalTable: "MeetingPlaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MediaUsages_Wijken_WijkId",
                        column: x => x.WijkId,
                        principalTable: "Wijken",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SignUpQuestions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ActivityId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Text = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Required = table.Column<bool>(type: "boolean", nullable: false),
                    Choices = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignUpQuestions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SignUpQuestions_Activities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "Activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SignUpSettings",
                columns: table => new
                {
                    ActivityId = table.Column<int>(type: "integer", nullable: false),
                    Mode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: true),
                    ClosesDaysBefore = table.Column<int>(type: "integer", nullable: false),
                    ClosesAt = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    SendReminder = table.Column<bool>(type: "boolean", nullable: false),
                    ReminderDaysBefore = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignUpSettings", x => x.ActivityId);
                    table.ForeignKey(
                        name: "FK_SignUpSettings_Activities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "Activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SignUpSlots",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ActivityId = table.Column<int>(type: "integer", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    LastSequence = table.Column<long>(type: "bigint", nullable: false),
                    TotalSignUps = table.Column<int>(type: "integer", nullable: false),
                    TotalChildren = table.Column<int>(type: "integer", nullable: false),
                    TotalWaitlisted = table.Column<int>(type: "integer", nullable: false),
                    TotalCancelled = table.Column<int>(type: "integer", nullable: false),
                    TotalAttended = table.Column<int>(type: "integer", nullable: false),
                    TotalNoShow = table.Column<int>(type: "integer", nullable: false),
                    PersonalDataDeletedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignUpSlots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SignUpSlots_Activities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "Activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SignUps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ActivityId = table.Column<int>(type: "integer", nullable: false),
                    SlotId = table.Column<int>(type: "integer", nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    FirstName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ContactLanguage = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Children = table.Column<int>(type: "integer", nullable: false),
                    ChildAges = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    WantsCall = table.Column<bool>(type: "boolean", nullable: false),
                    Remark = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Answers = table.Column<string>(type: "text", nullable: false),
                    OtherContactOptIn = table.Column<bool>(type: "boolean", nullable: false),
                    ConsentUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    TokenExpiresUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReminderSentUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    MovedUpUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CallAboutMoveUp = table.Column<bool>(type: "boolean", nullable: false),
                    CancelledUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    HandledById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    HandledByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    HandledUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignUps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SignUps_Activities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "Activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SignUps_SignUpSlots_SlotId",
                        column: x => x.SlotId,
                        principalTable: "SignUpSlots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "SearchIndexState",
                columns: new[] { "Id", "Version" },
                values: new object[] { 1, 0L });

            migrationBuilder.InsertData(
                table: "StaffRoleSettings",
                columns: new[] { "Role", "RequireTwoFactor" },
                values: new object[,]
                {
                    { "Beheerder", true },
                    { "Professional", false },
                    { "Wijkredacteur", false }
                });

            migrationBuilder.CreateIndex(
                name: "IX_AccountTokens_TokenHash",
                table: "AccountTokens",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AccountTokens_UserId_Purpose",
                table: "AccountTokens",
                columns: new[] { "UserId", "Purpose" });

            migrationBuilder.CreateIndex(
                name: "IX_Activities_Key",
                table: "Activities",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Activities_MeetingPlaceId",
                table: "Activities",
                column: "MeetingPlaceId");

            migrationBuilder.CreateIndex(
                name: "IX_Activities_OrganiserId",
                table: "Activities",
                column: "OrganiserId");

            migrationBuilder.CreateIndex(
                name: "IX_Activities_WijkId_Slug",
                table: "Activities",
                columns: new[] { "WijkId", "Slug" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserPasskeys_UserId",
                table: "AspNetUserPasskeys",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditLog_Action_OccurredUtc",
                table: "AuditLog",
                columns: new[] { "Action", "OccurredUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditLog_ActorId_OccurredUtc",
                table: "AuditLog",
                columns: new[] { "ActorId", "OccurredUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditLog_OccurredUtc",
                table: "AuditLog",
                column: "OccurredUtc");

            migrationBuilder.CreateIndex(
                name: "IX_ContentRedirects_NodeKey",
                table: "ContentRedirects",
                column: "NodeKey");

            migrationBuilder.CreateIndex(
                name: "IX_ContentRedirects_OldPath",
                table: "ContentRedirects",
                column: "OldPath",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContentSchedules_PublishAtUtc",
                table: "ContentSchedules",
                column: "PublishAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_ContentSchedules_UnpublishAtUtc",
                table: "ContentSchedules",
                column: "UnpublishAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_ContentVersions_Kind_Status",
                table: "ContentVersions",
                columns: new[] { "Kind", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ContentVersions_NodeKey_Number",
                table: "ContentVersions",
                columns: new[] { "NodeKey", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Gemeenten_Key",
                table: "Gemeenten",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Gemeenten_Slug",
                table: "Gemeenten",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MailOutbox_SentUtc_NextAttemptUtc",
                table: "MailOutbox",
                columns: new[] { "SentUtc", "NextAttemptUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_MediaItems_Key",
                table: "MediaItems",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MediaItems_WijkId",
                table: "MediaItems",
                column: "WijkId");

            migrationBuilder.CreateIndex(
                name: "IX_MediaUsages_ActivityId",
                table: "MediaUsages",
                column: "ActivityId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MediaUsages_MediaItemId",
                table: "MediaUsages",
                column: "MediaItemId");

            migrationBuilder.CreateIndex(
                name: "IX_MediaUsages_MeetingPlaceId",
                table: "MediaUsages",
                column: "MeetingPlaceId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MediaUsages_WijkId",
                table: "MediaUsages",
                column: "WijkId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MeetingPlaces_HostPartnerId",
                table: "MeetingPlaces",
                column: "HostPartnerId");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingPlaces_Key",
                table: "MeetingPlaces",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MeetingPlaces_WijkId_Slug",
                table: "MeetingPlaces",
                columns: new[] { "WijkId", "Slug" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Partners_Key",
                table: "Partners",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Partners_WijkId_Slug",
                table: "Partners",
                columns: new[] { "WijkId", "Slug" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SchoolHolidays_Key",
                table: "SchoolHolidays",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SearchDocuments_IndexVersion",
                table: "SearchDocuments",
                column: "IndexVersion");

            migrationBuilder.CreateIndex(
                name: "IX_SearchDocuments_NodeKey",
                table: "SearchDocuments",
                column: "NodeKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SignUpQuestions_ActivityId_Position",
                table: "SignUpQuestions",
                columns: new[] { "ActivityId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_SignUps_ActivityId_CreatedUtc",
                table: "SignUps",
                columns: new[] { "ActivityId", "CreatedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_SignUps_Email",
                table: "SignUps",
                column: "Email");

            migrationBuilder.CreateIndex(
                name: "IX_SignUps_Phone",
                table: "SignUps",
                column: "Phone");

            migrationBuilder.CreateIndex(
                name: "IX_SignUps_SlotId_Sequence",
                table: "SignUps",
                columns: new[] { "SlotId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SignUps_TokenHash",
                table: "SignUps",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SignUpSlots_ActivityId_Date",
                table: "SignUpSlots",
                columns: new[] { "ActivityId", "Date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StaffMeetingPlaces_MeetingPlaceId",
                table: "StaffMeetingPlaces",
                column: "MeetingPlaceId");

            migrationBuilder.CreateIndex(
                name: "IX_StaffWijken_WijkId",
                table: "StaffWijken",
                column: "WijkId");

            migrationBuilder.CreateIndex(
                name: "IX_Visions_Key",
                table: "Visions",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Visions_WijkId",
                table: "Visions",
                column: "WijkId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Wijken_GemeenteId_Slug",
                table: "Wijken",
                columns: new[] { "GemeenteId", "Slug" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Wijken_Key",
                table: "Wijken",
                column: "Key",
                unique: true);

            // Not in the EF model: the dutch_unaccent text search configuration and the tsvector columns.
            PostgresFullText.Create(migrationBuilder);

            migrationBuilder.CreateTable(
                name: "StaffSuggestionDigests",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    LastDigestUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StaffSuggestionDigests", x => x.UserId);
                    table.ForeignKey(
                        name: "FK_StaffSuggestionDigests_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VisionSuggestions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    VisionId = table.Column<int>(type: "integer", nullable: false),
                    SectionHeading = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Language = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    FirstName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ShowName = table.Column<bool>(type: "boolean", nullable: false),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    IsExample = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    HandledUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    HandledByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    PublishedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Answer = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    AnswerIsPublic = table.Column<bool>(type: "boolean", nullable: false),
                    AnsweredUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DeclineReason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    MergedIntoId = table.Column<int>(type: "integer", nullable: true),
                    ProcessedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ProcessedVersion = table.Column<int>(type: "integer", nullable: true),
                    ChangeNote = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    EmailErasedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VisionSuggestions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VisionSuggestions_VisionSuggestions_MergedIntoId",
                        column: x => x.MergedIntoId,
                        principalTable: "VisionSuggestions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_VisionSuggestions_Visions_VisionId",
                        column: x => x.VisionId,
                        principalTable: "Visions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_VisionSuggestions_Key",
                table: "VisionSuggestions",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VisionSuggestions_MergedIntoId",
                table: "VisionSuggestions",
                column: "MergedIntoId");

            migrationBuilder.CreateIndex(
                name: "IX_VisionSuggestions_TokenHash",
                table: "VisionSuggestions",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VisionSuggestions_VisionId_State",
                table: "VisionSuggestions",
                columns: new[] { "VisionId", "State" });

            migrationBuilder.AddColumn<string>(
                name: "WhatsApp",
                table: "Partners",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Email",
                table: "MeetingPlaces",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Parking",
                table: "MeetingPlaces",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Phone",
                table: "MeetingPlaces",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Transit",
                table: "MeetingPlaces",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WhatsApp",
                table: "MeetingPlaces",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AttachmentName",
                table: "MailOutbox",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AttachmentText",
                table: "MailOutbox",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SignUpChangeNotices",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SignUpId = table.Column<long>(type: "bigint", nullable: false),
                    ChangeKey = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: true),
                    NewStartUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    NewEndUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Reason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Mailed = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignUpChangeNotices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SignUpChangeNotices_SignUps_SignUpId",
                        column: x => x.SignUpId,
                        principalTable: "SignUps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SignUpChangeNotices_SignUpId_ChangeKey",
                table: "SignUpChangeNotices",
                columns: new[] { "SignUpId", "ChangeKey" },
                unique: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LeaseUntilUtc",
                table: "MailOutbox",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CacheVersion",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CacheVersion", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "CacheVersion",
                columns: new[] { "Id", "Version" },
                values: new object[] { 1, 0L });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "text", nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MediaOriginals",
                columns: table => new
                {
                    StorageName = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MediaOriginals", x => x.StorageName);
                });

            migrationBuilder.CreateTable(
                name: "SiteSecrets",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ProtectedValue = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SiteSecrets", x => x.Name);
                });

            migrationBuilder.AddColumn<List<string>>(
                name: "EmbedOrigins",
                table: "Wijken",
                type: "text[]",
                nullable: false);

            migrationBuilder.CreateTable(
                name: "PartnerCalendars",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    WijkId = table.Column<int>(type: "integer", nullable: false),
                    PartnerId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    ETag = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    LastModifiedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastFetchUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastFetchOk = table.Column<bool>(type: "boolean", nullable: false),
                    LastMessage = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerCalendars", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartnerCalendars_Partners_PartnerId",
                        column: x => x.PartnerId,
                        principalTable: "Partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PartnerCalendars_Wijken_WijkId",
                        column: x => x.WijkId,
                        principalTable: "Wijken",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PartnerLocationMappings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PartnerId = table.Column<int>(type: "integer", nullable: false),
                    LocationText = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    MeetingPlaceId = table.Column<int>(type: "integer", nullable: false),
                    Type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerLocationMappings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartnerLocationMappings_MeetingPlaces_MeetingPlaceId",
                        column: x => x.MeetingPlaceId,
                        principalTable: "MeetingPlaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PartnerLocationMappings_Partners_PartnerId",
                        column: x => x.PartnerId,
                        principalTable: "Partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PartnerEvents",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PartnerCalendarId = table.Column<int>(type: "integer", nullable: false),
                    Uid = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    RecurrenceId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Location = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Schedule = table.Column<string>(type: "text", nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    SourceHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FirstSeenUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ActivityId = table.Column<int>(type: "integer", nullable: true),
                    PublishedTitle = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    PublishedDescription = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    PublishedLocation = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    PublishedSchedule = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartnerEvents_Activities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "Activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_PartnerEvents_PartnerCalendars_PartnerCalendarId",
                        column: x => x.PartnerCalendarId,
                        principalTable: "PartnerCalendars",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerCalendars_PartnerId",
                table: "PartnerCalendars",
                column: "PartnerId");

            migrationBuilder.CreateIndex(
                name: "IX_PartnerCalendars_WijkId",
                table: "PartnerCalendars",
                column: "WijkId");

            migrationBuilder.CreateIndex(
                name: "IX_PartnerEvents_ActivityId",
                table: "PartnerEvents",
                column: "ActivityId");

            migrationBuilder.CreateIndex(
                name: "IX_PartnerEvents_PartnerCalendarId_Uid_RecurrenceId",
                table: "PartnerEvents",
                columns: new[] { "PartnerCalendarId", "Uid", "RecurrenceId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PartnerLocationMappings_MeetingPlaceId",
                table: "PartnerLocationMappings",
                column: "MeetingPlaceId");

            migrationBuilder.CreateIndex(
                name: "IX_PartnerLocationMappings_PartnerId_LocationText",
                table: "PartnerLocationMappings",
                columns: new[] { "PartnerId", "LocationText" },
                unique: true);

            migrationBuilder.AddColumn<string>(
                name: "Region",
                table: "Wijken",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Schedule_SkipWijkSchoolHolidays",
                table: "Activities",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "ContentTranslations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    NodeKey = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Culture = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Fields = table.Column<string>(type: "text", nullable: false),
                    SourceHash = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContentTranslations", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ContentTranslations_NodeKey_Culture",
                table: "ContentTranslations",
                columns: new[] { "NodeKey", "Culture" },
                unique: true);

            migrationBuilder.DropIndex(
                name: "IX_ContentVersions_NodeKey_Number",
                table: "ContentVersions");

            migrationBuilder.AddColumn<string>(
                name: "Culture",
                table: "ContentVersions",
                type: "character varying(8)",
                maxLength: 8,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_ContentVersions_NodeKey_Culture_Number",
                table: "ContentVersions",
                columns: new[] { "NodeKey", "Culture", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContentTranslations");

            migrationBuilder.DropTable(
                name: "PartnerEvents");

            migrationBuilder.DropTable(
                name: "PartnerLocationMappings");

            migrationBuilder.DropTable(
                name: "PartnerCalendars");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "MediaOriginals");

            migrationBuilder.DropTable(
                name: "SiteSecrets");

            migrationBuilder.DropTable(
                name: "CacheVersion");

            migrationBuilder.DropTable(
                name: "SignUpChangeNotices");

            migrationBuilder.DropTable(
                name: "StaffSuggestionDigests");

            migrationBuilder.DropTable(
                name: "VisionSuggestions");

            migrationBuilder.DropTable(
                name: "AccountTokens");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserPasskeys");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "AuditLog");

            migrationBuilder.DropTable(
                name: "ContentRedirects");

            migrationBuilder.DropTable(
                name: "ContentSchedules");

            migrationBuilder.DropTable(
                name: "ContentVersions");

            migrationBuilder.DropTable(
                name: "MailOutbox");

            migrationBuilder.DropTable(
                name: "MediaUsages");

            migrationBuilder.DropTable(
                name: "SchoolHolidays");

            migrationBuilder.DropTable(
                name: "SearchDocuments");

            migrationBuilder.DropTable(
                name: "SearchIndexState");

            migrationBuilder.DropTable(
                name: "SearchTerms");

            migrationBuilder.DropTable(
                name: "SignUpQuestions");

            migrationBuilder.DropTable(
                name: "SignUps");

            migrationBuilder.DropTable(
                name: "SignUpSettings");

            migrationBuilder.DropTable(
                name: "StaffMeetingPlaces");

            migrationBuilder.DropTable(
                name: "StaffRoleSettings");

            migrationBuilder.DropTable(
                name: "StaffSignUpPreferences");

            migrationBuilder.DropTable(
                name: "StaffWijken");

            migrationBuilder.DropTable(
                name: "Visions");

            migrationBuilder.DropTable(
                name: "MediaItems");

            migrationBuilder.DropTable(
                name: "SignUpSlots");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "Activities");

            migrationBuilder.DropTable(
                name: "MeetingPlaces");

            migrationBuilder.DropTable(
                name: "Partners");

            migrationBuilder.DropTable(
                name: "Wijken");

            migrationBuilder.DropTable(
                name: "Gemeenten");

            PostgresFullText.Drop(migrationBuilder);
        }
    }
}
