package fakegithub

// RevokeTokens revokes the installation tokens issued so far to an
// installation, as GitHub does when a token is revoked
// (DELETE /installation/token) or leaked and reported: requests carrying
// one are answered 401 "Bad credentials" from then on, whatever
// Options.Token allows. New tokens can be created as before. It returns
// how many tokens it revoked.
func (s *Server) RevokeTokens(installation int64) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.revoked == nil {
		s.revoked = map[string]bool{}
	}
	n := 0
	for token, id := range s.tokens {
		if id == installation {
			delete(s.tokens, token)
			s.revoked[token] = true
			n++
		}
	}
	return n
}
