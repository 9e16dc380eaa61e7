package tgfake

import (
	"fmt"
	"strconv"
	"strings"
)

// AddChat makes a chat known to the server (for getChat, getChatMember and
// "@username" chat ids) without pushing an update. Chats in pushed updates
// become known automatically.
func (s *Server) AddChat(c Chat) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.addChat(c)
}

// AddUser makes a user known to the server (for getChatMember and private
// chats) without pushing an update.
func (s *Server) AddUser(u User) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.users[u.ID] = u
}

// SetMember sets what getChatMember answers for user in chat: status is
// "creator", "administrator", "member", "restricted", "left" or "kicked";
// canDeleteMessages is reported for administrators (creators can always
// delete). It also makes chat and user known. Setting the bot's own entry
// (its id from SetBot or the token) has effects: as "left"/"kicked" the
// bot's sends to that group are refused with 403, and while the bot's
// entry exists deleteMessage of other users' messages there needs
// "creator" or an "administrator" with canDeleteMessages.
func (s *Server) SetMember(chatID, userID int64, status string, canDeleteMessages bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.addChat(Chat{ID: chatID})
	if _, ok := s.users[userID]; !ok && userID != s.botID {
		s.users[userID] = User{ID: userID}
	}
	s.members[memberKey{chatID, userID}] = member{status: status, canDelete: canDeleteMessages}
}

func inferType(id int64) string {
	switch {
	case id > 0:
		return "private"
	case id <= -1000000000000:
		return "supergroup"
	}
	return "group"
}

// addChat merges c into the known chats and returns the result. Caller
// holds mu.
func (s *Server) addChat(c Chat) Chat {
	old, ok := s.chats[c.ID]
	if ok {
		if c.Type == "" {
			c.Type = old.Type
		}
		if c.Title == "" {
			c.Title = old.Title
		}
		if c.Username == "" {
			c.Username = old.Username
		}
	}
	if c.Type == "" {
		c.Type = inferType(c.ID)
	}
	s.chats[c.ID] = c
	return c
}

// chatFor returns the known chat with id or one inferred from it. Caller
// holds mu.
func (s *Server) chatFor(id int64) Chat {
	if c, ok := s.chats[id]; ok {
		return c
	}
	return Chat{ID: id, Type: inferType(id)}
}

// chatByUsername resolves "@name" to a known chat id, or 0. Caller holds mu.
func (s *Server) chatByUsername(name string) int64 {
	name = strings.TrimPrefix(name, "@")
	for id, c := range s.chats {
		if name != "" && strings.EqualFold(c.Username, name) {
			return id
		}
	}
	return 0
}

// resolveChat parses a chat_id parameter (number or "@username"); unknown
// usernames give "chat not found". Caller holds mu.
func (s *Server) resolveChat(v string) (int64, *apiError) {
	if v == "" {
		return 0, badRequest("chat_id is empty")
	}
	if id, err := strconv.ParseInt(v, 10, 64); err == nil {
		return id, nil
	}
	if id := s.chatByUsername(v); id != 0 {
		return id, nil
	}
	return 0, badRequest("chat not found")
}

func (s *Server) chatJSON(c Chat) map[string]any {
	if c.Type == "" {
		c.Type = inferType(c.ID)
	}
	out := map[string]any{"id": c.ID, "type": c.Type}
	if c.Type == "private" {
		u := s.users[c.ID]
		name := c.Title
		if name == "" {
			name = u.FirstName
		}
		if name == "" {
			name = "User"
		}
		out["first_name"] = name
		if c.Username == "" {
			c.Username = u.Username
		}
	} else {
		title := c.Title
		if title == "" {
			title = fmt.Sprintf("Chat %d", c.ID)
		}
		out["title"] = title
	}
	if c.Username != "" {
		out["username"] = c.Username
	}
	return out
}

func userJSON(u User) map[string]any {
	name := u.FirstName
	if name == "" {
		name = "User"
	}
	out := map[string]any{"id": u.ID, "is_bot": false, "first_name": name}
	if u.Username != "" {
		out["username"] = u.Username
	}
	if u.LanguageCode != "" {
		out["language_code"] = u.LanguageCode
	}
	return out
}

// botJSON is the bot's User object. Caller holds mu.
func (s *Server) botJSON() map[string]any {
	return map[string]any{"id": s.botID, "is_bot": true,
		"first_name": s.botUsername, "username": s.botUsername}
}

// memberJSON builds a ChatMember object. Caller holds mu.
func (s *Server) memberJSON(chatID, userID int64, m member) map[string]any {
	var user map[string]any
	if userID == s.botID {
		user = s.botJSON()
	} else {
		u, ok := s.users[userID]
		if !ok {
			u = User{ID: userID}
		}
		user = userJSON(u)
	}
	out := map[string]any{"user": user, "status": m.status}
	switch m.status {
	case "creator":
		out["is_anonymous"] = false
	case "administrator":
		for _, k := range []string{"can_be_edited", "is_anonymous", "can_manage_video_chats",
			"can_restrict_members", "can_promote_members", "can_change_info", "can_post_stories"} {
			out[k] = false
		}
		out["can_manage_chat"] = true
		out["can_invite_users"] = true
		out["can_pin_messages"] = true
		out["can_delete_messages"] = m.canDelete
	case "restricted":
		out["is_member"] = true
		out["can_send_messages"] = false
		out["until_date"] = 0
	case "kicked":
		out["until_date"] = 0
	}
	return out
}

func (s *Server) getChat(q *request) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id, e := s.resolveChat(q.params.Get("chat_id"))
	if e != nil {
		return nil, e
	}
	c, ok := s.chats[id]
	if !ok {
		return nil, badRequest("chat not found")
	}
	return s.chatJSON(c), nil
}

func (s *Server) getChatMember(q *request) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	chatID, e := s.resolveChat(q.params.Get("chat_id"))
	if e != nil {
		return nil, e
	}
	c, ok := s.chats[chatID]
	if !ok {
		return nil, badRequest("chat not found")
	}
	userID, err := strconv.ParseInt(q.params.Get("user_id"), 10, 64)
	if err != nil || userID <= 0 {
		return nil, badRequest("invalid user_id specified")
	}
	m, ok := s.members[memberKey{chatID, userID}]
	_, knownUser := s.users[userID]
	switch {
	case ok:
	case userID == s.botID:
		m = member{status: "member"}
	case !knownUser:
		return nil, badRequest("user not found")
	case c.Type == "private" && userID == chatID:
		m = member{status: "member"}
	default:
		m = member{status: "left"}
	}
	return s.memberJSON(chatID, userID, m), nil
}
