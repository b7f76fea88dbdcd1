package app

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"time"
)

// delivery is one webhook delivery being handled.
type delivery struct {
	id, event string
	// log carries the delivery's id and event; handlers add the
	// installation, repository and pull request.
	log *slog.Logger
}

// eventHandler handles one event. It decodes the payload, returns early on
// actions it ignores (an empty result with why), and otherwise returns the
// tasks to queue. A payload it cannot decode is an error (answered 400).
type eventHandler interface {
	handle(d *delivery, payload []byte) (handled, error)
}

// handled is an event handler's answer: tasks to queue, or, when there
// are none, the outcome for the metrics ("ignored", "ping", "logged") and
// a note (why it is ignored).
type handled struct {
	tasks         []*task
	outcome, note string
}

// ignore is the answer to an action releasebot has nothing to do for.
func ignore(why string) (handled, error) { return handled{outcome: "ignored", note: why}, nil }

// serveWebhook answers POST /webhook: 405 for other methods, 413 above
// 25 MB, 401 when X-Hub-Signature-256 is missing or wrong (nothing is
// queued, and the memory the body takes meanwhile is bounded: see
// readSigned), 400 for a payload that does not decode or names a
// repository, branch or commit that GitHub would not allow, 503 with
// Retry-After while shutting down, when the queue is full or when the
// bodies being received leave no room, 200 for a duplicate, a ping or an
// ignored event, 202 once its tasks are queued (committed, for a durable
// queue: a crash before then is a failed delivery GitHub can redeliver).
// The work is done in the background; the answer takes the time to read,
// check, decode and commit.
func (s *Server) serveWebhook(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	event, id := r.Header.Get("X-GitHub-Event"), r.Header.Get("X-GitHub-Delivery")
	outcome, status, msg := s.acceptDelivery(r, event, id)
	s.metrics.delivery(event, outcome)
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	switch status {
	case http.StatusMethodNotAllowed:
		w.Header().Set("Allow", http.MethodPost)
	case http.StatusServiceUnavailable:
		w.Header().Set("Retry-After", "10")
	}
	w.WriteHeader(status)
	io.WriteString(w, msg+"\n")
	s.metrics.ack.Observe(time.Since(start).Seconds())
}

// acceptDelivery checks, decodes and queues a delivery, and returns the
// outcome for the metrics, the HTTP status and a one-line message.
func (s *Server) acceptDelivery(r *http.Request, event, id string) (outcome string, status int, msg string) {
	log := s.log.With("delivery", id, "event", event)
	if r.Method != http.MethodPost {
		return "malformed", http.StatusMethodNotAllowed, "webhook deliveries are POST requests"
	}
	if s.draining.Load() {
		return "unavailable", http.StatusServiceUnavailable, "shutting down; redeliver to another replica"
	}
	body, err := s.readSigned(r, r.Header.Get("X-Hub-Signature-256"))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		log.Warn("delivery refused: larger than 25 MB")
		return "too_large", http.StatusRequestEntityTooLarge, "the delivery is larger than 25 MB"
	case errors.Is(err, errUnsigned):
		log.Warn("delivery refused: " + err.Error())
		return "bad_signature", http.StatusUnauthorized, err.Error()
	case errors.Is(err, errBusy):
		log.Warn("delivery refused: no room for its body among the deliveries being received")
		return "busy", http.StatusServiceUnavailable, err.Error()
	case err != nil:
		return "malformed", http.StatusBadRequest, "reading the delivery: " + err.Error()
	}
	if event == "" || id == "" {
		return "malformed", http.StatusBadRequest, "X-GitHub-Event and X-GitHub-Delivery are required"
	}
	payload, err := jsonPayload(r.Header.Get("Content-Type"), body)
	if err != nil {
		return "malformed", http.StatusBadRequest, err.Error()
	}
	h, ok := s.handlers[event]
	if !ok {
		log.Debug("event ignored: releasebot does not handle it")
		return "ignored", http.StatusOK, "event " + event + " ignored"
	}
	d := &delivery{id: id, event: event, log: log}
	res, err := h.handle(d, payload)
	log = d.log // with the installation, repository and pull request
	var invalid *invalidField
	if errors.As(err, &invalid) {
		log.Warn("delivery refused: a field is not a name GitHub allows", "error", err)
		return "invalid_field", http.StatusBadRequest, err.Error()
	}
	if err != nil {
		log.Warn("delivery refused: payload does not decode", "error", err)
		return "malformed", http.StatusBadRequest, err.Error()
	}
	if len(res.tasks) == 0 {
		if res.outcome == "ignored" {
			log.Info("event ignored", "why", res.note)
		}
		return res.outcome, http.StatusOK, res.note
	}
	for _, t := range res.tasks {
		t.delivery = id
	}
	switch err := s.queue.enqueue(r.Context(), id, res.tasks); {
	case errors.Is(err, errDuplicate):
		log.Info("duplicate delivery ignored")
		return "duplicate", http.StatusOK, "delivery " + id + " already received"
	case err != nil:
		log.Error("delivery refused", "error", err)
		return "unavailable", http.StatusServiceUnavailable, err.Error()
	}
	log.Info("delivery queued", "tasks", len(res.tasks))
	return "queued", http.StatusAccepted, fmt.Sprintf("queued %d task(s)", len(res.tasks))
}

// jsonPayload returns the JSON of a delivery: the body itself
// (application/json, GitHub's default), or its payload field
// (application/x-www-form-urlencoded).
func jsonPayload(contentType string, body []byte) ([]byte, error) {
	mt := "application/json"
	if contentType != "" {
		var err error
		if mt, _, err = mime.ParseMediaType(contentType); err != nil {
			return nil, fmt.Errorf("Content-Type %q: %v", contentType, err)
		}
	}
	switch mt {
	case "application/json":
		return body, nil
	case "application/x-www-form-urlencoded":
		form, err := url.ParseQuery(string(body))
		if err != nil {
			return nil, fmt.Errorf("the form-encoded delivery does not decode: %v", err)
		}
		return []byte(form.Get("payload")), nil
	}
	return nil, fmt.Errorf("Content-Type %q: want application/json or application/x-www-form-urlencoded", contentType)
}
