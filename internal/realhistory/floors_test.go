package realhistory

// floors are the least agreement the replay of testdata/realhistory must
// keep, per repository and overall ("all"). They are the figures measured
// on the copy with the core of the commit that wrote them, rounded down, so
// that a change of the rules that makes releasebot agree less with the
// real tools fails TestRealHistories.
// Raise them when the rules get better; never lower them to make a change
// pass without saying which releases it loses and why.
var floors = map[string]Floor{
	"bcoe/c8": {VersionOK: 65, EntryPct: 92.68, ExactPct: 95.4},
	"conventional-changelog/standard-version": {VersionOK: 35, EntryPct: 92.25, ExactPct: 77.7},
	"googleapis/gaxios":                       {VersionOK: 48, EntryPct: 96.9, ExactPct: 88.2},
	"googleapis/google-auth-library-nodejs":   {VersionOK: 135, EntryPct: 96.11, ExactPct: 94.4},
	"googleapis/nodejs-pubsub":                {VersionOK: 114, EntryPct: 93.97, ExactPct: 89.8},
	"googleapis/nodejs-storage":               {VersionOK: 154, EntryPct: 92.94, ExactPct: 90.3},
	"googleapis/python-bigquery":              {VersionOK: 119, EntryPct: 90.16, ExactPct: 79.8},
	"googleapis/release-please":               {VersionOK: 359, EntryPct: 92.22, ExactPct: 90.4},
	"googleapis/release-please-action":        {VersionOK: 132, EntryPct: 91.54, ExactPct: 94.7},
	"karma-runner/karma":                      {VersionOK: 50, EntryPct: 94.94, ExactPct: 90.1},
	"semantic-release/github":                 {VersionOK: 167, EntryPct: 100, ExactPct: 100},
	"semantic-release/npm":                    {VersionOK: 110, EntryPct: 100, ExactPct: 100},
	"semantic-release/semantic-release":       {VersionOK: 336, EntryPct: 100, ExactPct: 100},
	"webpack-contrib/css-loader":              {VersionOK: 79, EntryPct: 66.1, ExactPct: 70.7},
	"yargs/yargs":                             {VersionOK: 84, EntryPct: 89.71, ExactPct: 78.8},
	"all":                                     {VersionOK: 1987, EntryPct: 90.54, ExactPct: 88.1},
}
