package forge

import "github.com/releasebot/releasebot/internal/bot"

// Compile-time checks that Client is what the bot needs.
var (
	_ bot.Host        = (*Client)(nil)
	_ bot.HistoryHost = (*Client)(nil)
	_ bot.PathHost    = (*Client)(nil)
	_ bot.PullCommits = (*Client)(nil)
)
