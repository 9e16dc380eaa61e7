package tgfake

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"unicode/utf8"
)

var commandRE = regexp.MustCompile(`^[a-z0-9_]{1,32}$`)

var scopeTypes = []string{"default", "all_private_chats", "all_group_chats",
	"all_chat_administrators", "chat", "chat_administrators", "chat_member"}

// MyCommands returns the commands set with setMyCommands for exactly this
// scope and language_code ("" for all languages), or nil. A zero Scope
// means the default scope.
func (s *Server) MyCommands(scope Scope, languageCode string) []Command {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.commands[commandKey(scope, languageCode)])
}

func commandKey(sc Scope, lang string) string {
	if sc.Type == "" {
		sc.Type = "default"
	}
	return fmt.Sprintf("%s/%d/%d/%s", sc.Type, sc.ChatID, sc.UserID, lang)
}

// commandScope reads the scope and language_code parameters.
func commandScope(q *request) (string, *apiError) {
	var sc Scope
	if raw := q.params.Get("scope"); raw != "" {
		if json.Unmarshal([]byte(raw), &sc) != nil || !slices.Contains(scopeTypes, sc.Type) {
			return "", badRequest("can't parse BotCommandScope JSON object")
		}
	}
	lang := q.params.Get("language_code")
	if lang != "" && len(lang) != 2 {
		return "", badRequest("invalid language code specified")
	}
	return commandKey(sc, lang), nil
}

func (s *Server) setMyCommands(q *request) (any, *apiError) {
	key, e := commandScope(q)
	if e != nil {
		return nil, e
	}
	var cmds []Command
	if json.Unmarshal([]byte(q.params.Get("commands")), &cmds) != nil {
		return nil, badRequest("can't parse commands JSON object")
	}
	if len(cmds) > 100 {
		return nil, badRequest("too many commands specified")
	}
	for _, c := range cmds {
		if !commandRE.MatchString(c.Command) {
			return nil, badRequest("BOT_COMMAND_INVALID")
		}
		if n := utf8.RuneCountInString(c.Description); n < 1 || n > 256 {
			return nil, badRequest("BOT_COMMAND_DESCRIPTION_INVALID")
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(cmds) == 0 {
		delete(s.commands, key)
	} else {
		s.commands[key] = cmds
	}
	return true, nil
}

func (s *Server) getMyCommands(q *request) (any, *apiError) {
	key, e := commandScope(q)
	if e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cmds := s.commands[key]
	if cmds == nil {
		cmds = []Command{}
	}
	return cmds, nil
}

func (s *Server) deleteMyCommands(q *request) (any, *apiError) {
	key, e := commandScope(q)
	if e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.commands, key)
	return true, nil
}
