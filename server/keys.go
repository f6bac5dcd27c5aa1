package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/gdprdocs/gdprdocs/store"
)

// The problems of key management.
var (
	errKeyNotFound   = &apiError{status: http.StatusNotFound, title: "not_found", code: "key_not_found"}
	errLastOwnerKey  = &apiError{status: http.StatusConflict, title: "conflict", code: "last_owner_key"}
	errKeyRequestBad = &apiError{status: http.StatusBadRequest, title: "bad_request", code: "invalid_key_request"}
)

// maxKeyRequest is the largest body of POST /v1/keys.
const maxKeyRequest = 4 << 10

// keyInfo is a key's record as the API shows it; never its secret, which is not kept.
type keyInfo struct {
	ID      string     `json:"id"`
	Name    string     `json:"name"`
	Role    store.Role `json:"role"`
	Prefix  string     `json:"prefix"`
	Created time.Time  `json:"created"`
	Revoked *time.Time `json:"revoked,omitempty"`
}

func keyInfoOf(k store.APIKey) keyInfo {
	i := keyInfo{ID: k.ID, Name: k.Name, Role: k.Role, Prefix: k.Prefix, Created: k.Created}
	if !k.Revoked.IsZero() {
		i.Revoked = &k.Revoked
	}
	return i
}

// keyList is the answer of GET /v1/keys.
type keyList struct {
	Keys []keyInfo `json:"keys"`
}

// keyRequest is the body of POST /v1/keys.
type keyRequest struct {
	Name string     `json:"name"`
	Role store.Role `json:"role"`
}

// issuedKey is the answer of POST /v1/keys: the key and its secret, shown this once.
type issuedKey struct {
	Key    keyInfo `json:"key"`
	Secret string  `json:"secret"`
}

// listKeys is GET /v1/keys: the workspace's keys, revoked ones included, oldest first.
func (s *Server) listKeys(c echo.Context) error {
	keys, err := s.store.Keys(c.Request().Context(), apiKey(c).Workspace)
	if err != nil {
		return err
	}
	out := keyList{Keys: make([]keyInfo, len(keys))}
	for i, k := range keys {
		out.Keys[i] = keyInfoOf(k)
	}
	return c.JSON(http.StatusOK, out)
}

// createKey is POST /v1/keys {name, role}: a new key of the workspace, its secret in
// the answer and nowhere else.
func (s *Server) createKey(c echo.Context) error {
	body, err := io.ReadAll(http.MaxBytesReader(c.Response(), c.Request().Body, maxKeyRequest))
	if err != nil {
		return s.bodyError(err)
	}
	var req keyRequest
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil || dec.More() || strings.TrimSpace(req.Name) == "" || !req.Role.Valid() {
		return errKeyRequestBad
	}
	issued, err := s.store.CreateKey(c.Request().Context(), apiKey(c).Workspace, actor(c), req.Role, strings.TrimSpace(req.Name))
	if errors.Is(err, store.ErrInvalid) {
		return errKeyRequestBad
	}
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusCreated, issuedKey{Key: keyInfoOf(issued.Key), Secret: issued.Secret})
}

// revokeKey is DELETE /v1/keys/{key}. The workspace's last valid owner key is not
// revoked: nothing could then manage the workspace's keys through the API.
func (s *Server) revokeKey(c echo.Context) error {
	ctx, ws, id := c.Request().Context(), apiKey(c).Workspace, c.Param("key")
	k, err := s.store.RevokeKey(ctx, ws, actor(c), id)
	if errors.Is(err, store.ErrNotFound) || errors.Is(err, store.ErrInvalid) {
		return errKeyNotFound
	}
	if errors.Is(err, store.ErrLastOwner) {
		return errLastOwnerKey
	}
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, keyInfoOf(k))
}
