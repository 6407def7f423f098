using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Buurtplatform.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SignUps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SignUpQuestions");

            migrationBuilder.DropTable(
                name: "SignUps");

            migrationBuilder.DropTable(
                name: "SignUpSettings");

            migrationBuilder.DropTable(
                name: "StaffSignUpPreferences");

            migrationBuilder.DropTable(
                name: "SignUpSlots");
        }
    }
}
