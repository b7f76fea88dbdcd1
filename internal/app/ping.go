package app

import (
	"encoding/json"
	"fmt"

	"github.com/google/go-github/v60/github"
)

// pingHandler answers GitHub's ping, sent when the webhook is set up.
type pingHandler struct{}

var _ eventHandler = pingHandler{}

func (pingHandler) handle(d *delivery, payload []byte) (handled, error) {
	var ev github.PingEvent
	if err := json.Unmarshal(payload, &ev); err != nil {
		return handled{}, fmt.Errorf("the ping event does not decode: %v", err)
	}
	d.log.Info("ping", "hook_id", ev.GetHookID(), "hook_type", ev.GetHook().GetType(), "zen", ev.GetZen())
	return handled{outcome: "ping", note: "pong"}, nil
}
