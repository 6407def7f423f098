using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Buurtplatform.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class VisionSuggestions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StaffSuggestionDigests",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    LastDigestUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<Guid>(type: "TEXT", nullable: false),
                    VisionId = table.Column<int>(type: "INTEGER", nullable: false),
                    SectionHeading = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    FirstName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ShowName = table.Column<bool>(type: "INTEGER", nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    IsExample = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    HandledUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    HandledByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    PublishedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    AnswerIsPublic = table.Column<bool>(type: "INTEGER", nullable: false),
                    AnsweredUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DeclineReason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    MergedIntoId = table.Column<int>(type: "INTEGER", nullable: true),
                    ProcessedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ProcessedVersion = table.Column<int>(type: "INTEGER", nullable: true),
                    ChangeNote = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    EmailErasedUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StaffSuggestionDigests");

            migrationBuilder.DropTable(
                name: "VisionSuggestions");
        }
    }
}
