package server

import (
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/gdprdocs/gdprdocs/store"
)

// keyKey is where an authenticated request keeps its API key.
const keyKey = "api_key"

// The problems of authentication and authorisation. A request without a key and one
// with a key the store does not know (unknown or revoked) are told apart for the
// client's sake; neither says whether a workspace, case or key exists.
var (
	errNoKey      = &apiError{status: http.StatusUnauthorized, title: "unauthorized", code: "key_required"}
	errBadKey     = &apiError{status: http.StatusUnauthorized, title: "unauthorized", code: "key_invalid"}
	errRole       = &apiError{status: http.StatusForbidden, title: "forbidden", code: "role_forbidden"}
	errNoStore    = &apiError{status: http.StatusServiceUnavailable, title: "no_store", code: "no_store"}
	errKeyOnly    = &apiError{status: http.StatusBadRequest, title: "bad_request", code: "bearer_only"}
	bearerRealm   = `Bearer realm="gdprdocs"`
	invalidBearer = `Bearer realm="gdprdocs", error="invalid_token"`
)

// rank orders the roles: a role may do what every role of a lower rank may.
var rank = map[store.Role]int{store.Viewer: 1, store.Editor: 2, store.Owner: 3}

// authenticate admits a request whose Authorization header is "Bearer <secret>" of a
// valid key, and keeps the key in the request; any other is a 401 with
// WWW-Authenticate. With no store configured it is a 503: there are no keys to check.
func (s *Server) authenticate(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if s.store == nil {
			return errNoStore
		}
		h := c.Request().Header.Get(echo.HeaderAuthorization)
		if h == "" {
			c.Response().Header().Set(echo.HeaderWWWAuthenticate, bearerRealm)
			return errNoKey
		}
		scheme, secret, _ := strings.Cut(h, " ")
		if !strings.EqualFold(scheme, "Bearer") {
			c.Response().Header().Set(echo.HeaderWWWAuthenticate, bearerRealm)
			return errKeyOnly
		}
		key, err := s.store.Authenticate(c.Request().Context(), strings.TrimSpace(secret))
		switch {
		case errors.Is(err, store.ErrNotFound), errors.Is(err, store.ErrInvalid):
			c.Response().Header().Set(echo.HeaderWWWAuthenticate, invalidBearer)
			return errBadKey
		case err != nil:
			return err
		}
		c.Set(keyKey, key)
		return next(c)
	}
}

// requireRole refuses with 403 a key whose role ranks below least.
func requireRole(least store.Role) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if rank[apiKey(c).Role] < rank[least] {
				return errRole
			}
			return next(c)
		}
	}
}

// apiKey is the key of an authenticated request; the zero key for any other.
func apiKey(c echo.Context) store.APIKey {
	k, _ := c.Get(keyKey).(store.APIKey)
	return k
}

// actor is who a request's writes are recorded as in the audit log.
func actor(c echo.Context) store.Actor {
	return store.Actor{Key: apiKey(c).ID, RequestID: requestID(c)}
}

// guard is the middleware of a route that takes a key of role least at the least; a
// route that takes none when least is empty.
func (s *Server) guard(least store.Role) []echo.MiddlewareFunc {
	if least == "" {
		return nil
	}
	return []echo.MiddlewareFunc{s.authenticate, requireRole(least)}
}
