package config_test

import (
	"fmt"

	"github.com/releasebot/releasebot/internal/config"
)

func ExampleParse() {
	cfg, err := config.Parse(config.DefaultPath, []byte("tag-prefix: release-\nbump:\n  deps: patch\n"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(cfg.TagPrefix, cfg.BumpLevel("deps"), cfg.BumpLevel("feat"), cfg.Changelog.Format)

	_, err = config.Parse(config.DefaultPath, []byte("changelog:\n  format: markdown\n"))
	if e := config.Invalid(err); e != nil {
		fmt.Println(e.Line, e.Field)
		fmt.Println(err)
	}
	// Output:
	// release- patch minor keep-a-changelog
	// 2 changelog.format
	// .github/releasebot.yml:2: changelog.format: "markdown" is not a known format; use keep-a-changelog or conventional
}
