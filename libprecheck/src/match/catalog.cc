// Loading and checking the YAML catalog: material templates, domain rule sets, defect
// texts, fact rules and the rule policy.
//
// Every file is parsed with yaml-cpp; every node is checked against the schema of its
// place, and each problem becomes a Diagnostic with file:line:col (yaml-cpp marks are
// 0-based, ours 1-based). Unknown keys are compared with the known ones by edit distance to
// suggest a fix. Cross-file references (a rule set naming a material) are checked last.

#include "precheck/catalog.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>

#include "rules/values.h"
#include "util/text.h"

namespace precheck {
namespace fs = std::filesystem;

namespace {

class Checker {
 public:
  explicit Checker(std::vector<Diagnostic>* out) : out_(out) {}

  void Error(const std::string& file, const YAML::Node& node, const std::string& message) {
    Add(file, node, message, false);
  }
  void Warning(const std::string& file, const YAML::Node& node, const std::string& message) {
    Add(file, node, message, true);
  }
  void FileError(const std::string& file, int line, int column, const std::string& message) {
    out_->push_back(Diagnostic{file, line, column, message, false});
  }
  void FileWarning(const std::string& file, int line, int column, const std::string& message) {
    out_->push_back(Diagnostic{file, line, column, message, true});
  }

  // True the first time a map's `key` is met (`seen` holds the keys met so far); else
  // reports it with the place of the first, and false. yaml-cpp keeps both entries and
  // looks up the first: the loader skips the others wherever it goes through the entries.
  bool FirstKey(const std::string& file, const YAML::Node& key, const std::string& where,
                std::map<std::string, YAML::Mark>* seen) {
    const std::string name = key.as<std::string>("");
    auto [it, inserted] = seen->emplace(name, key.Mark());
    if (!inserted) {
      Error(file, key,
            "key '" + name + "' appears twice in " + where + " (first at " +
                Place(file, it->second) + "; only the first is used)");
    }
    return inserted;
  }

  // "line:col" of `mark` in `file`, the column in characters as in every diagnostic.
  std::string Place(const std::string& file, const YAML::Mark& mark) {
    auto [it, inserted] = lines_.try_emplace(file);
    if (inserted) {
      std::ifstream in(file, std::ios::binary);
      for (std::string l; std::getline(in, l);) it->second.push_back(std::move(l));
    }
    int column = mark.column + 1;
    if (mark.line >= 0 && mark.line < static_cast<int>(it->second.size())) {
      const std::string& l = it->second[mark.line];
      column = 1;
      for (int b = 0; b < mark.column && b < static_cast<int>(l.size()); ++b) {
        if ((static_cast<unsigned char>(l[b]) & 0xC0) != 0x80) ++column;
      }
    }
    return std::to_string(mark.line + 1) + ":" + std::to_string(column);
  }

  // Reports keys of `map` that are not in `known`, with the nearest known key.
  void CheckKeys(const std::string& file, const YAML::Node& map,
                 const std::vector<std::string>& known, const std::string& where) {
    std::map<std::string, YAML::Mark> seen;
    for (const auto& kv : map) {
      std::string key = kv.first.as<std::string>("");
      if (!FirstKey(file, kv.first, where, &seen)) continue;
      if (std::find(known.begin(), known.end(), key) != known.end()) {
        continue;
      }
      // A full-width colon after a key (seal_names：{lessor: lessor}) is no separator to
      // YAML: the key runs on into the value.
      const size_t colon = key.find("：");
      if (colon != std::string::npos &&
          std::find(known.begin(), known.end(), key.substr(0, colon)) != known.end()) {
        Error(file, kv.first,
              "'" + key.substr(0, colon) +
                  "' is followed by a full-width colon '：': write ':' (ASCII) after a key");
        continue;
      }
      std::string message = "unknown key '" + key + "' in " + where;
      std::string nearest = Nearest(key, known);
      if (!nearest.empty()) {
        message += " (did you mean '" + nearest + "'?)";
      }
      Error(file, kv.first, message);
    }
  }

  static std::string Nearest(const std::string& word, const std::vector<std::string>& known) {
    std::string best;
    int best_distance = 1 << 30;
    for (const std::string& k : known) {
      int d = text::EditDistance(text::ToU32(word), text::ToU32(k));
      if (d < best_distance) {
        best_distance = d;
        best = k;
      }
    }
    int limit = std::max<int>(2, static_cast<int>(word.size()) / 3);
    return best_distance <= limit ? best : "";
  }

  // The message for a reference to a material that is not defined.
  std::string UnknownMaterial(const std::string& where, const std::string& id,
                              const std::vector<std::string>& ids) const {
    std::string message = where + " names unknown material '" + id + "'";
    std::string nearest = Nearest(id, ids);
    if (!nearest.empty()) message += " (did you mean '" + nearest + "'?)";
    return message;
  }

  // A file that could not be read is reported once, at its own error. What other files name
  // from it cannot be checked until it is fixed, and is not reported: one broken template
  // would otherwise echo in every rule set that names its material.
  //
  // A template file that could not be read. Its material is the one its `id:` line names,
  // or its file name's.
  void Unreadable(const fs::path& path) {
    unreadable_.insert(path.stem().string());
    std::ifstream in(path, std::ios::binary);
    for (std::string l; std::getline(in, l);) {
      if (l.rfind("id:", 0) != 0) continue;
      std::string id;  // the first word: "id: 'x'  # ..." -> x
      std::istringstream(l.substr(3)) >> id;
      id.erase(
          std::remove_if(id.begin(), id.end(), [](char ch) { return ch == '"' || ch == '\''; }),
          id.end());
      if (!id.empty()) unreadable_.insert(id);
      break;
    }
  }
  // True when `id` may be the material of a template that could not be read.
  bool UnreadableMaterial(const std::string& id) const { return unreadable_.count(id) > 0; }
  bool AnyUnreadableTemplate() const { return !unreadable_.empty(); }
  // A rule file that could not be read: any defect text, domain or period may be its.
  void UnreadableRules() { unreadable_rules_ = true; }
  bool AnyUnreadableRules() const { return unreadable_rules_; }

  bool has_errors() const {
    return std::any_of(out_->begin(), out_->end(), [](const Diagnostic& d) { return !d.warning; });
  }

 private:
  void Add(const std::string& file, const YAML::Node& node, const std::string& message,
           bool warning) {
    YAML::Mark mark = node.Mark();
    int line = mark.line >= 0 ? mark.line + 1 : 0;
    int column = mark.column >= 0 ? mark.column + 1 : 0;
    out_->push_back(Diagnostic{file, line, column, message, warning});
  }

  std::vector<Diagnostic>* out_;
  std::map<std::string, std::vector<std::string>> lines_;  // file -> its lines, for Place
  std::set<std::string> unreadable_;  // the materials of templates that could not be read
  bool unreadable_rules_ = false;
};

// Reads a scalar string; reports and returns "" when the node is not a scalar.
std::string Scalar(Checker& c, const std::string& file, const YAML::Node& node,
                   const std::string& what) {
  if (!node.IsScalar()) {
    c.Error(file, node, what + " must be a single value");
    return "";
  }
  return node.Scalar();
}

std::vector<std::string> StringList(Checker& c, const std::string& file, const YAML::Node& node,
                                    const std::string& what) {
  std::vector<std::string> out;
  if (!node.IsSequence()) {
    c.Error(file, node, what + " must be a list, e.g. [a, b]");
    return out;
  }
  // Titles, keywords and spellings are short; a full-width comma in one is most likely
  // meant to separate two entries ([整改报告，整改情况说明] is one title).
  const bool short_entries = what == "titles" || what == "keywords" || what == "aliases" ||
                             what == "outdated_titles" || what == "file_names";
  for (const YAML::Node& item : node) {
    std::string s = Scalar(c, file, item, "each entry of " + what);
    if (short_entries && (s.find("，") != std::string::npos || s.find("、") != std::string::npos)) {
      c.Warning(file, item,
                "'" + s + "' is one entry of " + what +
                    ": entries are separated by a half-width comma (,), not ， or 、");
    }
    if (!s.empty()) {
      out.push_back(s);
    }
  }
  return out;
}

bool Bool(Checker& c, const std::string& file, const YAML::Node& node, const std::string& what) {
  if (!node.IsScalar() || (node.Scalar() != "true" && node.Scalar() != "false")) {
    c.Error(file, node, what + " must be true or false");
    return false;
  }
  return node.Scalar() == "true";
}

const std::vector<std::string> kSealOwners = {"applicant", "authority", "bank", "registry",
                                              "lessor"};
const std::vector<std::string> kSignerRoles = {"legal_rep", "agent", "lessor", "payee"};
const std::vector<std::string> kIssuers = {"applicant", "authority",       "bank",
                                           "registry",  "public_security", "lessor"};

std::optional<Locate> ParseLocate(const std::string& s) {
  if (s == "label") return Locate::kLabel;
  if (s == "below_title") return Locate::kBelowTitle;
  if (s == "last") return Locate::kLast;
  if (s == "above_last_date") return Locate::kAboveLastDate;
  if (s == "near_anchor") return Locate::kNearAnchor;
  if (s == "seal") return Locate::kSeal;
  return std::nullopt;
}

void CheckOneOf(Checker& c, const std::string& file, const YAML::Node& node,
                const std::string& value, const std::vector<std::string>& allowed,
                const std::string& what) {
  if (!value.empty() && std::find(allowed.begin(), allowed.end(), value) == allowed.end()) {
    std::string message = "unknown " + what + " '" + value + "'";
    std::string nearest = Checker::Nearest(value, allowed);
    if (!nearest.empty()) {
      message += " (did you mean '" + nearest + "'?)";
    }
    c.Error(file, node, message);
  }
}

FieldSpec ParseField(Checker& c, const std::string& file, const YAML::Node& node) {
  FieldSpec f;
  f.line = node.Mark().line + 1;
  if (!node.IsMap()) {
    c.Error(file, node,
            "a field must be a map like {key: uscc, label: 统一社会信用代码, type: uscc}");
    return f;
  }
  c.CheckKeys(file, node,
              {"key", "label", "caption", "aliases", "type", "required", "locate", "anchor",
               "owner", "options"},
              "a field");
  if (node["key"]) {
    f.key = Scalar(c, file, node["key"], "key");
  } else {
    c.Error(file, node, "a field needs a 'key'");
  }
  if (node["label"] && !node["label"].IsNull()) f.label = Scalar(c, file, node["label"], "label");
  if (node["caption"]) f.caption = Scalar(c, file, node["caption"], "caption");
  if (node["aliases"]) f.aliases = StringList(c, file, node["aliases"], "aliases");
  if (node["type"]) {
    f.type = Scalar(c, file, node["type"], "type");
    if (!values::ParseValueType(f.type)) {
      std::vector<std::string> types = {"text", "company",   "person", "uscc",  "id18",
                                        "date", "daterange", "amount", "docno", "phone",
                                        "addr", "check",     "year"};
      CheckOneOf(c, file, node["type"], f.type, types, "field type");
    }
  } else {
    c.Error(file, node, "field '" + f.key + "' needs a 'type'");
  }
  if (node["required"]) f.required = Bool(c, file, node["required"], "required");
  if (node["locate"]) {
    std::string s = Scalar(c, file, node["locate"], "locate");
    std::optional<Locate> locate = ParseLocate(s);
    if (!locate) {
      CheckOneOf(c, file, node["locate"], s,
                 {"label", "below_title", "last", "above_last_date", "near_anchor", "seal"},
                 "locate");
    } else {
      f.locate = *locate;
    }
  }
  if (node["anchor"]) f.anchor = Scalar(c, file, node["anchor"], "anchor");
  if (node["owner"]) {
    f.owner = Scalar(c, file, node["owner"], "owner");
    CheckOneOf(c, file, node["owner"], f.owner, kSealOwners, "seal owner");
  }
  if (f.locate == Locate::kSeal && f.owner.empty()) {
    c.Error(file, node, "field '" + f.key + "' uses locate: seal but has no 'owner'");
  }
  if (node["options"]) f.options = StringList(c, file, node["options"], "options");
  if (f.locate == Locate::kLabel && f.label.empty() && node.IsMap()) {
    c.Error(file, node, "field '" + f.key + "' has no label: give one, or a 'locate' rule");
  }
  if (f.label.empty() && f.caption.empty() && node.IsMap()) {
    c.Warning(file, node,
              "field '" + f.key + "' has no label: give it a 'caption' to name it in messages");
  }
  if (f.locate == Locate::kNearAnchor && f.anchor.empty()) {
    c.Error(file, node, "field '" + f.key + "' uses locate: near_anchor but has no 'anchor'");
  }
  return f;
}

// Warns of file_names entries that cannot tell a file's material. A file's name is searched
// for each word without spaces or letter case, and holds numbers of every kind (dates, page
// and ID numbers): an empty word matches no name, and one character or a word without a
// letter would take unrelated files for this material.
void CheckFileNames(Checker& c, const std::string& file, const YAML::Node& list) {
  if (!list.IsSequence()) return;
  for (const YAML::Node& item : list) {
    if (!item.IsScalar()) continue;  // reported by StringList
    const std::string word = text::RemoveSpaces(item.Scalar());
    const bool letters = std::any_of(word.begin(), word.end(), [](char ch) {
      return static_cast<unsigned char>(ch) >= 0x80 || std::isalpha(static_cast<unsigned char>(ch));
    });
    if (word.empty()) {
      c.Warning(file, item, "an empty entry of file_names matches no file: remove it");
    } else if (text::ToU32(word).size() == 1) {
      c.Warning(file, item,
                "'" + word +
                    "' is a single character: any file whose name holds it would be "
                    "taken for this material; give a word of two characters or more");
    } else if (!letters) {
      c.Warning(file, item,
                "'" + word +
                    "' has no letter or Chinese character: file names hold dates, page "
                    "and ID numbers, so it would take unrelated files for this material; give a "
                    "word, e.g. 罚款收据");
    }
  }
}

void ParseTemplate(Checker& c, const std::string& file, const YAML::Node& root,
                   std::vector<MaterialTemplate>* out) {
  if (!root.IsMap()) {
    c.FileError(file, 1, 1, "a template must be a map with id, name, titles and fields");
    return;
  }
  c.CheckKeys(file, root,
              {"id", "name", "issuer", "titles", "outdated_titles", "keywords", "file_names",
               "twin", "max_pages", "fields", "clauses", "seals", "signatures", "seal_names"},
              "a template");
  MaterialTemplate t;
  t.file = file;
  if (root["id"])
    t.id = Scalar(c, file, root["id"], "id");
  else
    c.FileError(file, 1, 1, "a template needs an 'id'");
  if (root["name"])
    t.name = Scalar(c, file, root["name"], "name");
  else
    c.FileError(file, 1, 1, "a template needs a 'name'");
  if (root["issuer"]) {
    t.issuer = Scalar(c, file, root["issuer"], "issuer");
    CheckOneOf(c, file, root["issuer"], t.issuer, kIssuers, "issuer");
  }
  if (root["titles"]) t.titles = StringList(c, file, root["titles"], "titles");
  if (root["outdated_titles"]) {
    t.outdated_titles = StringList(c, file, root["outdated_titles"], "outdated_titles");
  }
  if (root["keywords"]) t.keywords = StringList(c, file, root["keywords"], "keywords");
  if (root["file_names"]) {
    t.file_names = StringList(c, file, root["file_names"], "file_names");
    CheckFileNames(c, file, root["file_names"]);
  }
  if (t.titles.empty() && t.keywords.empty()) {
    c.FileError(file, 1, 1, "a template needs 'titles' or 'keywords' to recognise its pages");
  }
  if (root["twin"]) t.twin = Scalar(c, file, root["twin"], "twin");
  if (root["max_pages"]) {
    try {
      t.max_pages = root["max_pages"].as<int>();
    } catch (const YAML::Exception&) {
      c.Error(file, root["max_pages"], "max_pages must be a whole number");
    }
  }
  std::map<std::string, YAML::Mark> keys;  // field key -> where its field is
  if (root["fields"] && root["fields"].IsSequence()) {
    for (const YAML::Node& fnode : root["fields"]) {
      FieldSpec f = ParseField(c, file, fnode);
      if (auto [it, inserted] = keys.emplace(f.key, fnode.Mark()); !f.key.empty() && !inserted) {
        c.Error(
            file, fnode,
            "field key '" + f.key + "' appears twice (first at " + c.Place(file, it->second) + ")");
      }
      t.fields.push_back(std::move(f));
    }
  } else if (root["fields"]) {
    c.Error(file, root["fields"],
            "'fields' must be a list, one entry per field: - {key: ..., label: ..., type: ...}");
  } else {
    c.FileError(file, 1, 1, "a template needs a list of 'fields'");
  }
  for (const FieldSpec& f : t.fields) {
    if (f.locate == Locate::kNearAnchor || f.locate == Locate::kLabel) {
      continue;
    }
  }
  if (root["clauses"]) t.clauses = StringList(c, file, root["clauses"], "clauses");
  for (const char* list : {"seals", "signatures"}) {
    if (root[list] && !root[list].IsSequence() && !root[list].IsNull()) {
      c.Error(file, root[list],
              std::string("'") + list + "' must be a list, one entry per block: - {" +
                  (std::string(list) == "seals" ? "owner: applicant" : "role: legal_rep") + "}");
    }
  }
  // Values that name a field of this template: a misspelt one gets the nearest key.
  std::vector<std::string> field_keys;
  for (const auto& [key, mark] : keys) {
    if (!key.empty()) field_keys.push_back(key);
  }
  if (root["seals"] && root["seals"].IsSequence()) {
    for (const YAML::Node& s : root["seals"]) {
      if (!s.IsMap()) {
        c.Error(file, s, "a seal must be a map like {owner: applicant, near: sign_date}");
        continue;
      }
      c.CheckKeys(file, s, {"owner", "near", "or_signature"}, "a seal");
      SealSpec seal;
      if (s["owner"]) {
        seal.owner = Scalar(c, file, s["owner"], "owner");
        CheckOneOf(c, file, s["owner"], seal.owner, kSealOwners, "seal owner");
      } else {
        c.Error(file, s,
                "a seal needs an 'owner' (applicant, authority, bank, registry or lessor)");
      }
      if (s["near"]) {
        seal.near = Scalar(c, file, s["near"], "near");
        CheckOneOf(c, file, s["near"], seal.near, field_keys, "field");
      }
      if (s["or_signature"]) {
        seal.or_signature = Scalar(c, file, s["or_signature"], "or_signature");
        CheckOneOf(c, file, s["or_signature"], seal.or_signature, kSignerRoles, "signer role");
      }
      t.seals.push_back(seal);
    }
  }
  if (root["signatures"] && root["signatures"].IsSequence()) {
    for (const YAML::Node& s : root["signatures"]) {
      if (!s.IsMap()) {
        c.Error(file, s,
                "a signature must be a map like {role: legal_rep, label: 法定代表人（签字）}");
        continue;
      }
      c.CheckKeys(file, s, {"role", "label", "or_seal"}, "a signature");
      SignatureSpec sig;
      if (s["role"]) {
        sig.role = Scalar(c, file, s["role"], "role");
        CheckOneOf(c, file, s["role"], sig.role, kSignerRoles, "signer role");
      } else {
        c.Error(file, s, "a signature needs a 'role' (legal_rep, agent, lessor or payee)");
      }
      if (s["label"]) sig.label = Scalar(c, file, s["label"], "label");
      if (s["or_seal"]) {
        sig.or_seal = Scalar(c, file, s["or_seal"], "or_seal");
        CheckOneOf(c, file, s["or_seal"], sig.or_seal, kSealOwners, "seal owner");
      }
      t.signatures.push_back(sig);
    }
  }
  // A seal that a signature may replace, or a signature a seal may: the other must be a
  // block of this template too, or it is never found and the replacement never counts.
  auto check_stand_in = [&](const char* list, const char* key,
                            const std::vector<std::string>& known, const std::string& missing,
                            auto present) {
    if (!root[list] || !root[list].IsSequence()) return;
    for (const YAML::Node& s : root[list]) {
      if (!s.IsMap() || !s[key] || !s[key].IsScalar()) continue;
      const std::string& v = s[key].Scalar();
      if (std::find(known.begin(), known.end(), v) == known.end() || present(v)) continue;
      c.Error(file, s[key], "'" + v + "' has no " + missing + " in this template to stand in");
    }
  };
  check_stand_in("seals", "or_signature", kSignerRoles, "signature block",
                 [&](const std::string& role) {
                   return std::any_of(t.signatures.begin(), t.signatures.end(),
                                      [&](const SignatureSpec& g) { return g.role == role; });
                 });
  check_stand_in("signatures", "or_seal", kSealOwners, "seal", [&](const std::string& owner) {
    return std::any_of(t.seals.begin(), t.seals.end(),
                       [&](const SealSpec& g) { return g.owner == owner; });
  });
  if (root["seal_names"] && root["seal_names"].IsMap()) {
    std::map<std::string, YAML::Mark> owners;
    for (const auto& kv : root["seal_names"]) {
      if (!c.FirstKey(file, kv.first, "seal_names", &owners)) continue;
      std::string owner = kv.first.as<std::string>("");
      std::string key = Scalar(c, file, kv.second, "seal_names entry");
      CheckOneOf(c, file, kv.first, owner, kSealOwners, "seal owner");
      CheckOneOf(c, file, kv.second, key, field_keys, "field");
      t.seal_names[owner] = key;
    }
  } else if (root["seal_names"] && !root["seal_names"].IsNull()) {
    c.Error(file, root["seal_names"],
            "seal_names must map a seal owner to the field holding its name, e.g. "
            "{authority: listing_authority}");
  }
  out->push_back(std::move(t));
}

// Reports each entry of a material list that names no known material, at its own place.
void CheckMaterialRefs(Checker& c, const std::string& file, const YAML::Node& node,
                       const std::vector<std::string>& ids, const std::string& where) {
  auto check = [&](const YAML::Node& item) {
    if (!item.IsScalar()) return;
    const std::string& id = item.Scalar();
    if (std::find(ids.begin(), ids.end(), id) != ids.end() || c.UnreadableMaterial(id)) return;
    c.Error(file, item, c.UnknownMaterial(where, id, ids));
  };
  if (node.IsScalar()) {
    check(node);
  } else if (node.IsSequence()) {
    for (const YAML::Node& item : node) {
      if (item.IsSequence()) {
        for (const YAML::Node& inner : item) check(inner);
      } else {
        check(item);
      }
    }
  } else if (node.IsMap()) {
    for (const auto& kv : node) {
      check(kv.first);
      CheckMaterialRefs(c, file, kv.second, ids, where);
    }
  }
}

// Reports at `node` that `material` has no field `key`, with its nearest field.
void NoSuchField(Checker& c, const std::string& file, const YAML::Node& node,
                 const MaterialTemplate& material, const std::string& key) {
  std::vector<std::string> keys;
  for (const FieldSpec& spec : material.fields) keys.push_back(spec.key);
  std::string message = "material '" + material.id + "' has no field '" + key + "'";
  std::string nearest = Checker::Nearest(key, keys);
  if (!nearest.empty()) message += " (did you mean '" + nearest + "'?)";
  c.Error(file, node, message);
}

void ParseDomain(Checker& c, const std::string& file, const YAML::Node& root,
                 const std::vector<MaterialTemplate>& materials,
                 const std::vector<std::string>& ids, std::vector<DomainRuleSet>* out) {
  if (!root.IsMap()) {
    c.FileError(file, 1, 1, "a rule set must be a map with id, name and required");
    return;
  }
  c.CheckKeys(file, root,
              {"id", "name", "required", "one_of", "with", "optional", "decided_by", "application",
               "selected_by"},
              "a rule set");
  DomainRuleSet d;
  d.file = file;
  if (root["id"])
    d.id = Scalar(c, file, root["id"], "id");
  else
    c.FileError(file, 1, 1, "a rule set needs an 'id'");
  if (root["name"]) d.name = Scalar(c, file, root["name"], "name");
  if (root["required"]) d.required = StringList(c, file, root["required"], "required");
  if (root["one_of"]) {
    if (!root["one_of"].IsSequence()) {
      c.Error(file, root["one_of"], "one_of must be a list of lists");
    } else {
      for (const YAML::Node& g : root["one_of"]) {
        d.one_of.push_back(StringList(c, file, g, "a one_of group"));
      }
    }
  }
  if (root["with"]) {
    if (!root["with"].IsMap()) {
      c.Error(file, root["with"], "with must map a material to the materials it brings");
    } else {
      std::map<std::string, YAML::Mark> materials;
      for (const auto& kv : root["with"]) {
        if (!c.FirstKey(file, kv.first, "with", &materials)) continue;
        d.with[kv.first.as<std::string>("")] = StringList(c, file, kv.second, "a with entry");
      }
    }
  }
  if (root["optional"]) d.optional = StringList(c, file, root["optional"], "optional");
  if (root["decided_by"]) d.decided_by = StringList(c, file, root["decided_by"], "decided_by");
  if (root["application"]) d.application = Scalar(c, file, root["application"], "application");
  for (const char* key : {"required", "one_of", "with", "optional", "decided_by", "application"}) {
    if (root[key]) CheckMaterialRefs(c, file, root[key], ids, key);
  }
  if (root["selected_by"] && !root["selected_by"].IsMap() && !root["selected_by"].IsNull()) {
    c.Error(file, root["selected_by"],
            "selected_by must be a map like {material: samr_repair_application, field: matter, "
            "option: ...}");
  } else if (root["selected_by"]) {
    const YAML::Node& s = root["selected_by"];
    if (s["material"]) CheckMaterialRefs(c, file, s["material"], ids, "selected_by");
    c.CheckKeys(file, s, {"material", "field", "option"}, "selected_by");
    if (s["material"]) d.selected_by_material = Scalar(c, file, s["material"], "material");
    if (s["field"]) d.selected_by_field = Scalar(c, file, s["field"], "field");
    if (s["option"]) d.selected_by_option = Scalar(c, file, s["option"], "option");
    // The field and its option must be the material's: a misspelt one would never select
    // the domain, and every submission would fall to the default.
    auto m = std::find_if(materials.begin(), materials.end(), [&](const MaterialTemplate& t) {
      return t.id == d.selected_by_material;
    });
    const FieldSpec* f = m == materials.end() ? nullptr : m->Field(d.selected_by_field);
    if (m != materials.end() && s["field"] && !f && !d.selected_by_field.empty()) {
      NoSuchField(c, file, s["field"], *m, d.selected_by_field);
    }
    if (f && s["option"] && !f->options.empty() && !d.selected_by_option.empty() &&
        std::find(f->options.begin(), f->options.end(), d.selected_by_option) == f->options.end()) {
      std::string known;
      for (const std::string& o : f->options) known += (known.empty() ? "" : ", ") + o;
      c.Error(file, s["option"],
              "'" + d.selected_by_option + "' is not an option of " + m->id + "." + f->key +
                  " (its options: " + known + ")");
    }
  }
  out->push_back(std::move(d));
}

// The placeholders the checks fill in defect texts. A misspelt one ({flie}) would reach the
// applicant as written.
const std::vector<std::string> kPlaceholders = {
    "alternatives", "as_of", "clauses", "current", "date",  "expected", "field",
    "file",         "found", "kind",    "label",   "material", "name",  "other",
    "other_field",  "others", "owner",  "page",    "period", "problem", "reason",
    "score",        "severity", "signer", "title", "value"};

void CheckPlaceholders(Checker& c, const std::string& file, const YAML::Node& node,
                       const std::string& text) {
  for (size_t open = text.find('{'); open != std::string::npos; open = text.find('{', open + 1)) {
    size_t close = text.find('}', open);
    if (close == std::string::npos) {
      c.Error(file, node, "a '{' with no '}': placeholders are written {name}");
      return;
    }
    const std::string name = text.substr(open + 1, close - open - 1);
    if (std::find(kPlaceholders.begin(), kPlaceholders.end(), name) != kPlaceholders.end()) {
      continue;
    }
    std::string message = "unknown placeholder '{" + name + "}'";
    std::string nearest = Checker::Nearest(name, kPlaceholders);
    if (!nearest.empty()) message += " (did you mean '{" + nearest + "}'?)";
    c.Error(file, node, message);
  }
}

// `defined_in` holds the file each defect text already read came from: a text defined in
// a second messages file is reported there, and the first stands.
void ParseTexts(Checker& c, const std::string& file, const YAML::Node& root,
                std::map<std::string, std::string>* defined_in, std::vector<DefectText>* out) {
  if (!root.IsMap() || !root["defects"] || !root["defects"].IsMap()) {
    c.FileError(file, 1, 1, "a messages file must hold a map 'defects'");
    return;
  }
  c.CheckKeys(file, root, {"defects"}, "a messages file");
  std::map<std::string, YAML::Mark> ids;
  for (const auto& kv : root["defects"]) {
    if (!c.FirstKey(file, kv.first, "the defect texts", &ids)) continue;
    DefectText t;
    std::string id = kv.first.as<std::string>("");
    if (!kv.second.IsMap()) {
      c.Error(file, kv.second,
              "defect text '" + id + "' must be a map with severity, message and suggestion");
      continue;
    }
    c.CheckKeys(file, kv.second, {"code", "severity", "message", "suggestion"}, "a defect text");
    t.code = kv.second["code"] ? Scalar(c, file, kv.second["code"], "code") : id;
    t.severity =
        kv.second["severity"] ? Scalar(c, file, kv.second["severity"], "severity") : "error";
    CheckOneOf(c, file, kv.second["severity"] ? kv.second["severity"] : kv.second, t.severity,
               {"error", "warning"}, "severity");
    if (kv.second["message"]) {
      t.message = Scalar(c, file, kv.second["message"], "message");
      CheckPlaceholders(c, file, kv.second["message"], t.message);
    } else {
      c.Error(file, kv.first, "defect text '" + id + "' needs a 'message'");
    }
    if (kv.second["suggestion"]) {
      t.suggestion = Scalar(c, file, kv.second["suggestion"], "suggestion");
      CheckPlaceholders(c, file, kv.second["suggestion"], t.suggestion);
    }
    auto [first, added] = defined_in->emplace(id, file);
    if (!added) {
      c.Error(file, kv.first,
              "defect text '" + id + "' is already defined in " + first->second +
                  ": that one is used (remove one of them)");
      continue;
    }
    t.id = id;
    out->push_back(std::move(t));
  }
}

// --- Fact rules and policy (docs/authoring-rules.md) -----------------------------------

const std::vector<std::string> kRuleKinds = {"date_order", "same_date",       "publicity",
                                             "expiry",     "amount_at_least", "amount_words"};

std::optional<FactRuleKind> ParseRuleKind(const std::string& s) {
  if (s == "date_order") return FactRuleKind::kDateOrder;
  if (s == "same_date") return FactRuleKind::kSameDate;
  if (s == "publicity") return FactRuleKind::kPublicity;
  if (s == "expiry") return FactRuleKind::kExpiry;
  if (s == "amount_at_least") return FactRuleKind::kAmountAtLeast;
  if (s == "amount_words") return FactRuleKind::kAmountWords;
  return std::nullopt;
}

// The defect text a rule of each kind reports unless it names another.
std::string DefaultText(FactRuleKind kind) {
  switch (kind) {
    case FactRuleKind::kDateOrder:
      return "DATE_ORDER";
    case FactRuleKind::kSameDate:
      return "PENALTY_DATE_MISMATCH";
    case FactRuleKind::kPublicity:
      return "PUBLICITY_PERIOD_NOT_MET";
    case FactRuleKind::kExpiry:
      return "EXPIRED";
    case FactRuleKind::kAmountAtLeast:
      return "AMOUNT_SHORT";
    case FactRuleKind::kAmountWords:
      return "AMOUNT_WORDS";
  }
  return "";
}

// The field types a rule of each kind can compare.
std::vector<std::string> TypesFor(FactRuleKind kind, bool reference) {
  switch (kind) {
    case FactRuleKind::kDateOrder:
    case FactRuleKind::kSameDate:
    case FactRuleKind::kPublicity:
      return {"date"};
    case FactRuleKind::kExpiry:
      return {"daterange"};
    case FactRuleKind::kAmountAtLeast:
      return {"amount"};
    case FactRuleKind::kAmountWords:
      return reference ? std::vector<std::string>{"amount"}
                       : std::vector<std::string>{"text", "amount"};
  }
  return {};
}

// A "material.field" reference, checked against the templates; reports at the node.
std::optional<FieldRef> ParseFieldRef(Checker& c, const std::string& file, const YAML::Node& node,
                                      const std::vector<MaterialTemplate>& materials,
                                      const std::vector<std::string>& types) {
  std::string s = Scalar(c, file, node, "a field reference");
  if (s.empty()) return std::nullopt;
  size_t dot = s.find('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 == s.size()) {
    c.Error(file, node, "'" + s + "' must be material.field, e.g. penalty_decision.penalty_date");
    return std::nullopt;
  }
  FieldRef ref{s.substr(0, dot), s.substr(dot + 1)};
  const MaterialTemplate* m = nullptr;
  std::vector<std::string> ids;
  for (const MaterialTemplate& t : materials) {
    ids.push_back(t.id);
    if (t.id == ref.material) m = &t;
  }
  if (!m) {
    if (!c.UnreadableMaterial(ref.material)) {
      c.Error(file, node, c.UnknownMaterial("'" + s + "'", ref.material, ids));
    }
    return std::nullopt;
  }
  const FieldSpec* f = m->Field(ref.field);
  if (!f) {
    NoSuchField(c, file, node, *m, ref.field);
    return std::nullopt;
  }
  if (std::find(types.begin(), types.end(), f->type) == types.end()) {
    std::string want;
    for (const std::string& t : types) want += (want.empty() ? "" : " or ") + t;
    c.Error(file, node, "'" + s + "' is of type " + f->type + ", this rule needs " + want);
  }
  return ref;
}

int WholeNumber(Checker& c, const std::string& file, const YAML::Node& node,
                const std::string& what) {
  try {
    int n = node.as<int>();
    if (n >= 0) return n;
  } catch (const YAML::Exception&) {
  }
  c.Error(file, node, what + " must be a whole number of at least 0");
  return 0;
}

// What a rule file may name, loaded before it: templates, texts, domains and the policy.
struct RuleContext {
  const std::vector<MaterialTemplate>* materials;
  const std::vector<DefectText>* texts;
  const std::vector<DomainRuleSet>* domains;
  const RulePolicy* policy;
  std::map<std::string, std::string> rule_ids;  // id -> "file:line" of its first use
};

// Reports `value` at `node` unless it is in `known`, with the nearest known value.
void CheckName(Checker& c, const std::string& file, const YAML::Node& node,
               const std::string& value, const std::vector<std::string>& known,
               const std::string& what) {
  if (value.empty() || std::find(known.begin(), known.end(), value) != known.end()) return;
  if (c.AnyUnreadableRules()) return;  // perhaps defined in the file that could not be read
  std::string message = "unknown " + what + " '" + value + "'";
  std::string nearest = Checker::Nearest(value, known);
  if (!nearest.empty()) message += " (did you mean '" + nearest + "'?)";
  c.Error(file, node, message);
}

void ParseFactRules(Checker& c, const std::string& file, const YAML::Node& root,
                    RuleContext& context, std::vector<FactRule>* out) {
  const std::vector<MaterialTemplate>& materials = *context.materials;
  std::vector<std::string> text_ids;
  for (const DefectText& t : *context.texts) text_ids.push_back(t.id);
  std::vector<std::string> domain_ids;
  for (const DomainRuleSet& d : *context.domains) domain_ids.push_back(d.id);
  std::vector<std::string> periods = {"severity"};
  for (const PublicityRegime& regime : context.policy->regimes) {
    for (const PublicityPeriod& p : regime.periods) {
      if (std::find(periods.begin(), periods.end(), p.name) == periods.end()) {
        periods.push_back(p.name);
      }
    }
  }

  c.CheckKeys(file, root, {"rules"}, "a rule file");
  const YAML::Node& list = root["rules"];
  if (!list.IsSequence()) {
    c.Error(file, list, "'rules' must be a list of rules, each a map with id, kind and field");
    return;
  }
  for (const YAML::Node& node : list) {
    if (!node.IsMap()) {
      c.Error(file, node, "a rule must be a map with id, kind and field");
      continue;
    }
    c.CheckKeys(file, node,
                {"id", "kind", "field", "reference", "text", "period", "domains", "spans"},
                "a rule");
    FactRule r;
    r.file = file;
    r.line = node.Mark().line + 1;
    if (node["id"]) {
      r.id = Scalar(c, file, node["id"], "id");
      std::string here = file + ":" + std::to_string(r.line);
      auto [it, inserted] = context.rule_ids.emplace(r.id, here);
      if (!inserted) {
        c.Error(file, node["id"], "rule id '" + r.id + "' is already used at " + it->second);
      }
    } else {
      c.Error(file, node, "a rule needs an 'id'");
    }
    std::optional<FactRuleKind> kind;
    if (node["kind"]) {
      std::string s = Scalar(c, file, node["kind"], "kind");
      kind = ParseRuleKind(s);
      if (!kind) CheckOneOf(c, file, node["kind"], s, kRuleKinds, "rule kind");
    } else {
      c.Error(file, node,
              "rule '" + r.id + "' needs a 'kind' (" + "date_order, same_date, " +
                  "publicity, expiry, amount_at_least or amount_words)");
    }
    if (!kind) continue;
    r.kind = *kind;
    if (node["field"]) {
      if (auto ref = ParseFieldRef(c, file, node["field"], materials, TypesFor(r.kind, false))) {
        r.field = *ref;
      }
    } else {
      c.Error(file, node, "rule '" + r.id + "' needs a 'field' (material.field)");
    }
    bool needs_reference = r.kind != FactRuleKind::kPublicity && r.kind != FactRuleKind::kExpiry;
    if (node["reference"]) {
      const YAML::Node& refs = node["reference"];
      std::vector<YAML::Node> items;
      if (refs.IsSequence()) {
        for (const YAML::Node& item : refs) items.push_back(item);
      } else {
        items.push_back(refs);
      }
      for (const YAML::Node& item : items) {
        if (auto ref = ParseFieldRef(c, file, item, materials, TypesFor(r.kind, true))) {
          r.references.push_back(*ref);
        }
      }
    } else if (needs_reference) {
      c.Error(file, node, "rule '" + r.id + "' needs a 'reference' (material.field or a list)");
    }
    if (r.kind == FactRuleKind::kPublicity) {
      if (node["period"]) {
        r.period = Scalar(c, file, node["period"], "period");
        if (context.policy->regimes.empty()) {
          if (!c.AnyUnreadableRules()) {
            c.Error(file, node["period"], "no publicity periods: rules/policy.yaml has no regimes");
          }
        } else {
          CheckName(c, file, node["period"], r.period, periods, "period");
        }
      } else {
        c.Error(file, node, "rule '" + r.id + "' needs a 'period' (a period name or severity)");
      }
    } else if (node["period"]) {
      c.Error(file, node["period"], "'period' applies only to rules of kind publicity");
    }
    if (node["spans"]) {
      if (r.kind != FactRuleKind::kExpiry || !node["spans"].IsSequence()) {
        c.Error(file, node["spans"], "'spans' is a list of years, for rules of kind expiry");
      } else {
        for (const YAML::Node& y : node["spans"])
          r.spans.push_back(WholeNumber(c, file, y, "a span"));
      }
    }
    r.text = node["text"] ? Scalar(c, file, node["text"], "text") : DefaultText(r.kind);
    CheckName(c, file, node["text"] ? node["text"] : node, r.text, text_ids, "defect text");
    if (node["domains"]) {
      r.domains = StringList(c, file, node["domains"], "domains");
      if (node["domains"].IsSequence()) {
        for (const YAML::Node& d : node["domains"]) {
          if (d.IsScalar()) CheckName(c, file, d, d.Scalar(), domain_ids, "domain");
        }
      }
    }
    out->push_back(std::move(r));
  }
}

void ParseRegime(Checker& c, const std::string& file, const YAML::Node& node, RulePolicy* policy) {
  if (!node.IsMap()) {
    c.Error(file, node, "a regime must be a map with id, from and periods");
    return;
  }
  c.CheckKeys(file, node, {"id", "from", "periods"}, "a regime");
  PublicityRegime regime;
  if (node["id"]) regime.id = Scalar(c, file, node["id"], "id");
  if (node["from"]) {
    regime.from = Scalar(c, file, node["from"], "from");
    if (!values::ParseIso(regime.from)) {
      c.Error(file, node["from"], "from must be a date YYYY-MM-DD, not '" + regime.from + "'");
    }
  } else {
    c.Error(file, node, "regime '" + regime.id + "' needs 'from' (YYYY-MM-DD)");
  }
  if (!node["periods"] || !node["periods"].IsMap()) {
    c.Error(file, node, "regime '" + regime.id + "' needs a map 'periods'");
  } else {
    std::map<std::string, YAML::Mark> names;
    for (const auto& kv : node["periods"]) {
      PublicityPeriod p;
      p.name = kv.first.as<std::string>("");
      if (!c.FirstKey(file, kv.first, "the periods of regime '" + regime.id + "'", &names)) {
        continue;
      }
      if (!kv.second.IsMap()) {
        c.Error(file, kv.second, "period '" + p.name + "' must be {min_months: N, max_months: M}");
        continue;
      }
      c.CheckKeys(file, kv.second, {"min_months", "max_months"}, "a period");
      if (kv.second["min_months"]) {
        p.min_months = WholeNumber(c, file, kv.second["min_months"], "min_months");
      } else {
        c.Error(file, kv.second, "period '" + p.name + "' needs min_months");
      }
      if (kv.second["max_months"]) {
        p.max_months = WholeNumber(c, file, kv.second["max_months"], "max_months");
        if (p.max_months < p.min_months) {
          c.Error(file, kv.second["max_months"], "max_months is below min_months");
        }
      }
      regime.periods.push_back(p);
    }
  }
  policy->regimes.push_back(std::move(regime));
}

void ParsePolicy(Checker& c, const std::string& file, const YAML::Node& root,
                 const std::vector<MaterialTemplate>& materials, RulePolicy* policy) {
  c.CheckKeys(file, root, {"policy"}, "a policy file");
  const YAML::Node& p = root["policy"];
  if (!p.IsMap()) {
    c.Error(file, p, "'policy' must be a map");
    return;
  }
  c.CheckKeys(file, p,
              {"default_severity", "reliable_confidence", "reliable_word_confidence", "regimes",
               "cross_document", "seal_names"},
              "the policy");
  policy->file = file;
  if (p["default_severity"]) {
    policy->default_severity = Scalar(c, file, p["default_severity"], "default_severity");
  }
  for (auto [key, target] :
       {std::pair{"reliable_confidence", &policy->reliable_confidence},
        std::pair{"reliable_word_confidence", &policy->reliable_word_confidence}}) {
    if (!p[key]) continue;
    double value = -1;
    try {
      value = p[key].as<double>();
    } catch (const YAML::Exception&) {
    }
    if (value < 0 || value > 1) {
      c.Error(file, p[key], std::string(key) + " must be a number between 0 and 1");
    } else {
      *target = value;
    }
  }
  if (p["regimes"]) {
    if (!p["regimes"].IsSequence()) {
      c.Error(file, p["regimes"], "regimes must be a list, oldest first");
    } else {
      for (const YAML::Node& r : p["regimes"]) ParseRegime(c, file, r, policy);
    }
  }
  for (size_t i = 1; i < policy->regimes.size(); ++i) {
    if (policy->regimes[i].from <= policy->regimes[i - 1].from) {
      c.Error(file, p["regimes"][i]["from"] ? p["regimes"][i]["from"] : p["regimes"][i],
              "regimes must be listed oldest first ('from' after the previous one)");
    }
  }
  for (size_t i = 0; i < policy->regimes.size(); ++i) {
    const std::vector<PublicityPeriod>& periods = policy->regimes[i].periods;
    bool has_default = std::any_of(periods.begin(), periods.end(), [&](const PublicityPeriod& x) {
      return x.name == policy->default_severity;
    });
    if (!has_default && p["default_severity"]) {
      c.Error(file, p["default_severity"],
              "default_severity '" + policy->default_severity + "' is not a period of regime '" +
                  policy->regimes[i].id + "'");
    }
  }
  if (p["cross_document"] && !p["cross_document"].IsMap() && !p["cross_document"].IsNull()) {
    c.Error(file, p["cross_document"], "cross_document must be a map with keys, confusable, ...");
  } else if (p["cross_document"]) {
    const YAML::Node& x = p["cross_document"];
    c.CheckKeys(
        file, x,
        {"keys", "confusable", "max_confusions", "misread_word_confidence", "authoritative"},
        "cross_document");
    CrossDocumentPolicy& cross = policy->cross_document;
    std::set<std::string> field_keys;
    std::vector<std::string> ids;
    for (const MaterialTemplate& t : materials) {
      ids.push_back(t.id);
      for (const FieldSpec& f : t.fields) field_keys.insert(f.key);
    }
    if (x["keys"]) {
      cross.keys = StringList(c, file, x["keys"], "keys");
      std::vector<std::string> known(field_keys.begin(), field_keys.end());
      // A key unknown while a template could not be read may be one of its fields.
      for (const YAML::Node& k : x["keys"]) {
        if (k.IsScalar() && !c.AnyUnreadableTemplate()) {
          CheckOneOf(c, file, k, k.Scalar(), known, "field key");
        }
      }
    }
    if (x["confusable"]) cross.confusable = StringList(c, file, x["confusable"], "confusable");
    if (x["max_confusions"]) {
      cross.max_confusions = WholeNumber(c, file, x["max_confusions"], "max_confusions");
    }
    if (x["misread_word_confidence"]) {
      double value = -1;
      try {
        value = x["misread_word_confidence"].as<double>();
      } catch (const YAML::Exception&) {
      }
      if (value < 0 || value > 1) {
        c.Error(file, x["misread_word_confidence"],
                "misread_word_confidence must be a number between 0 and 1");
      } else {
        cross.misread_word_confidence = value;
      }
    }
    if (x["authoritative"]) {
      cross.authoritative = StringList(c, file, x["authoritative"], "authoritative");
      CheckMaterialRefs(c, file, x["authoritative"], ids, "authoritative");
    }
  }
  if (p["seal_names"]) {
    const YAML::Node& names = p["seal_names"];
    if (!names.IsMap()) {
      c.Error(file, names, "seal_names must map a seal owner to the names its seals may carry");
    } else {
      std::map<std::string, YAML::Mark> owners;
      for (const auto& kv : names) {
        if (!c.FirstKey(file, kv.first, "seal_names", &owners)) continue;
        const std::string owner = kv.first.IsScalar() ? kv.first.Scalar() : "";
        CheckOneOf(c, file, kv.first, owner, kSealOwners, "seal owner");
        std::vector<std::string> list = StringList(c, file, kv.second, "seal_names." + owner);
        for (size_t i = 0; i < list.size(); ++i) {
          if (std::find(list.begin(), list.begin() + i, list[i]) != list.begin() + i) {
            c.Error(file, kv.second[i], "'" + list[i] + "' is listed twice");
          }
        }
        policy->seal_names[owner] = std::move(list);
      }
    }
  }
}

std::vector<fs::path> YamlFiles(Checker& c, const fs::path& dir) {
  std::vector<fs::path> files;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    c.FileError(dir.string(), 0, 0, "folder not found");
    return files;
  }
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string ext = entry.path().extension().string();
    if (entry.is_regular_file() && (ext == ".yaml" || ext == ".yml")) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// What a plain scan of a YAML file's text finds open at a place, and the quoted values that
// run over lines holding keys. yaml-cpp reports an unclosed bracket or quote only where the
// text can no longer continue it, often lines later, or not at all (a " left open runs to
// the next " of the file). Comments are skipped; a quote opens a quoted value only where a
// value starts (after "key: ", "- ", a flow bracket or comma). Lines and columns are 1-based,
// columns in bytes as yaml-cpp counts them.
struct Opener {
  int line = 0, column = 0;
  char bracket = 0;  // { [ " or '
};
struct TextScan {
  std::vector<Opener> brackets;  // flow brackets open at the stop, outermost first
  Opener quote;                  // a quote open at the stop (line 0: none)
  std::vector<std::pair<Opener, int>> long_quotes;  // quote, the line it closes on (0: never)
};
TextScan ScanText(const std::string& text, int stop_line = -1, int stop_column = 0) {
  TextScan out;
  int line = 0, column = 0;
  bool comment = false, key_line = false;
  char prev = '\n';      // the previous character
  char last_solid = '\n';  // the last character that was not a space
  for (size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (stop_line >= 0 && (line > stop_line || (line == stop_line && column >= stop_column))) {
      break;
    }
    if (ch == '\n') {
      ++line;
      column = 0;
      comment = false;
      if (out.quote.line == 0) key_line = false;
      prev = last_solid = ch;
      continue;
    }
    ++column;
    if (out.quote.line > 0) {
      // Inside a quoted value: a line that looks like "key: value" suggests it never closed.
      if (ch == ':' && i + 1 < text.size() && text[i + 1] == ' ' && last_solid != '\n') {
        key_line = key_line || out.quote.line - 1 < line;
      }
      if (ch == '\\' && out.quote.bracket == '"') {
        ++i;
        ++column;
      } else if (ch == out.quote.bracket) {
        if (ch == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
          ++i;
          ++column;
        } else {
          if (out.quote.line - 1 < line && key_line) out.long_quotes.push_back({out.quote, line + 1});
          out.quote = Opener{};
          key_line = false;
        }
      }
      prev = ch;
      if (ch != ' ') last_solid = ch;
      continue;
    }
    if (comment) continue;
    if (ch == '#' && (prev == ' ' || prev == '\t' || prev == '\n')) {
      comment = true;
    } else if ((ch == '"' || ch == '\'') &&
               (last_solid == '\n' || last_solid == ':' || last_solid == '-' ||
                last_solid == '[' || last_solid == '{' || last_solid == ',') &&
               (prev == ' ' || prev == '\n' || prev == '[' || prev == '{' || prev == ',')) {
      out.quote = Opener{line + 1, column, ch};
    } else if (ch == '{' || ch == '[') {
      out.brackets.push_back(Opener{line + 1, column, ch});
    } else if ((ch == '}' || ch == ']') && !out.brackets.empty()) {
      out.brackets.pop_back();
    }
    prev = ch;
    if (ch != ' ' && ch != '\t') last_solid = ch;
  }
  // Open at the end of the file: yaml-cpp takes the rest of the file as the value.
  if (stop_line < 0 && out.quote.line > 0 && key_line) out.long_quotes.push_back({out.quote, 0});
  return out;
}

// The character column (1-based) of the byte column `byte_column` (1-based) of `line`
// (1-based) of `text`.
int CharacterColumn(const std::string& text, int line, int byte_column) {
  size_t start = 0;
  for (int l = 1; l < line && start != std::string::npos; ++l) {
    start = text.find('\n', start);
    if (start != std::string::npos) ++start;
  }
  if (start == std::string::npos) return byte_column;
  int characters = 0;
  for (int b = 0; b < byte_column - 1 && start + b < text.size() && text[start + b] != '\n'; ++b) {
    if ((static_cast<unsigned char>(text[start + b]) & 0xC0) != 0x80) ++characters;
  }
  return characters + 1;
}

// A slip of typing that yaml-cpp reports only by its consequence, on the line of the error
// or the one before it: a tab in a line's indentation ("illegal block entry"), or a key
// followed by a full-width colon (name：授权委托书, read as text, then "illegal map value" on
// the next line). The slip's line (1-based), column (in characters) and what to write.
struct Slip {
  int line = 0;
  int column = 0;
  std::string message;
};

Slip FindSlip(const std::string& text, int error_line) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  for (int n = std::min<int>(error_line, static_cast<int>(lines.size()) - 1);
       n >= 0 && n >= error_line - 1; --n) {
    const std::string& l = lines[n];
    size_t indent = l.find_first_not_of(" \t-");
    size_t tab = l.find('\t');
    if (tab != std::string::npos && (indent == std::string::npos || tab < indent)) {
      return {n + 1, static_cast<int>(tab) + 1,
              "the line is indented with a tab: YAML indents with spaces only"};
    }
    if (indent == std::string::npos || l[indent] == '#') continue;
    size_t colon = l.find("：", indent);
    if (colon == std::string::npos) continue;
    std::string key = l.substr(indent, colon - indent);
    bool word = !key.empty() && key.find(": ") == std::string::npos &&
                std::all_of(key.begin(), key.end(), [](unsigned char ch) {
                  return std::isalnum(ch) || ch == '_';
                });
    if (!word) continue;
    return {n + 1, static_cast<int>(indent) + 1,
            "'" + key + "' is followed by a full-width colon (：): a key needs a half-width " +
                "colon and a space (" + key + ": ...)"};
  }
  return {};
}

// Full-width punctuation typed where a flow ({...} or [...]) needs YAML's own: a comma
// between two entries ([company_name， uscc], {label: 日期， type: date}) or a colon after a
// key ({key： uscc}). yaml-cpp reads the first as one entry and the second as text, or gives
// up later on a bracket it takes for unclosed. Each slip is rewritten in `text` as the
// half-width mark and spaces, the same number of bytes (every mark stays where it was), and
// returned, its column in bytes. A comma between two Chinese words ([整改报告，整改情况说明])
// may belong to a title: it stays, and StringList warns of it.
std::vector<Slip> FixFlowSlips(std::string* text) {
  std::string& t = *text;
  auto word_char = [](char ch) {
    return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_';
  };
  auto separator = [](char ch) { return ch == ' ' || ch == '[' || ch == '{' || ch == ','; };
  std::vector<Slip> out;
  std::vector<char> flows;  // the flow brackets open here, outermost first
  char quote = 0;
  bool comment = false;
  bool value_start = true;  // a flow or a quoted value may open here
  int block_indent = -1;    // the indentation of a line that opened a | or > block, else -1
  int line = 1;
  size_t line_start = 0;
  auto indentation = [&](size_t start) {
    size_t n = start;
    while (n < t.size() && t[n] == ' ') ++n;
    return static_cast<int>(n - start);
  };
  for (size_t i = 0; i < t.size(); ++i) {
    const char ch = t[i];
    if (ch == '\n') {
      ++line;
      line_start = i + 1;
      comment = false;
      if (flows.empty() && !quote) value_start = true;
      // The lines of a block value (more indented than its key, or blank) are text.
      while (block_indent >= 0 && line_start < t.size()) {
        size_t end = t.find('\n', line_start);
        if (end == std::string::npos) end = t.size();
        const int indent = indentation(line_start);
        if (line_start + indent != end && indent <= block_indent) break;
        if (end == t.size()) {
          i = end;
          break;
        }
        i = end;
        ++line;
        line_start = end + 1;
      }
      block_indent = -1;
      continue;
    }
    if (comment || ch == ' ' || ch == '\t') continue;
    if (quote) {
      if (ch == '\\' && quote == '"' && i + 1 < t.size() && t[i + 1] != '\n') {
        ++i;
      } else if (ch == quote && quote == '\'' && i + 1 < t.size() && t[i + 1] == '\'') {
        ++i;
      } else if (ch == quote) {
        quote = 0;
        value_start = false;
      }
      continue;
    }
    const bool spaced = i + 1 == t.size() || t[i + 1] == ' ' || t[i + 1] == '\n';
    if (ch == '#' && (i == 0 || t[i - 1] == ' ' || t[i - 1] == '\t' || t[i - 1] == '\n')) {
      comment = true;
      continue;
    } else if (value_start && flows.empty() && (ch == '|' || ch == '>')) {
      block_indent = indentation(line_start);
    } else if (value_start && (ch == '"' || ch == '\'')) {
      quote = ch;
    } else if (value_start && (ch == '{' || ch == '[')) {
      flows.push_back(ch);
    } else if (!flows.empty() && (ch == '}' || ch == ']')) {
      flows.pop_back();
      value_start = false;
    } else if ((!flows.empty() && ch == ',') || (ch == ':' && spaced) ||
               (ch == '-' && spaced && flows.empty() && value_start)) {
      value_start = true;
    } else if (!flows.empty() && (t.compare(i, 3, "，") == 0 || t.compare(i, 3, "、") == 0)) {
      // The entry before (back to a separator) and the word after; a slip when the word
      // follows an ASCII word or is a key (label: 日期， type: date).
      size_t end = i;
      while (end > line_start && t[end - 1] == ' ') --end;
      size_t begin = end;
      while (begin > line_start && !separator(t[begin - 1])) --begin;
      size_t from = i + 3;
      while (from < t.size() && t[from] == ' ') ++from;
      size_t to = from;
      while (to < t.size() && word_char(t[to])) ++to;
      size_t after = to;
      while (after < t.size() && t[after] == ' ') ++after;
      const bool key = after < t.size() && (t[after] == ':' || t.compare(after, 3, "：") == 0);
      const bool words = end > begin && word_char(t[end - 1]) &&
                         (to == t.size() || static_cast<unsigned char>(t[to]) < 0x80);
      if (to > from && (key || words)) {
        const std::string mark =
            t[i + 2] == '\x8C' ? "a full-width comma (，)" : "an enumeration comma (、)";
        out.push_back({line, static_cast<int>(i - line_start) + 1,
                       mark + " where YAML needs a half-width " +
                           "(ASCII) comma to separate entries: write '" +
                           t.substr(begin, end - begin) + ", " + t.substr(from, to - from) + "'"});
        t.replace(i, 3, ",  ");
        value_start = true;
      }
      i += 2;
      continue;
    } else if (!flows.empty() && flows.back() == '{' && t.compare(i, 3, "：") == 0) {
      // A key: an ASCII word that opens an entry of the map.
      size_t begin = i;
      while (begin > line_start && word_char(t[begin - 1])) --begin;
      size_t before = begin;
      while (before > line_start && t[before - 1] == ' ') --before;
      if (begin < i && before > line_start && (t[before - 1] == '{' || t[before - 1] == ',')) {
        const std::string key = t.substr(begin, i - begin);
        out.push_back({line, static_cast<int>(i - line_start) + 1,
                       "'" + key + "' is followed by a full-width colon (：) where YAML " +
                           "needs a half-width (ASCII) colon and a space: write '" + key +
                           ": ...'"});
        t.replace(i, 3, ":  ");
        value_start = true;
      }
      i += 2;
      continue;
    }
    if (ch != ':' && ch != ',' && ch != '-' && ch != '{' && ch != '[') value_start = false;
  }
  return out;
}

// Parses a YAML file, reporting a syntax error with its position.
std::optional<YAML::Node> ParseFile(Checker& c, const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    c.FileError(path.string(), 0, 0, "cannot read: cannot open the file");
    return std::nullopt;
  }
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Full-width punctuation in a flow is reported where it is and read as meant, so that the
  // rest of the file is checked rather than misread around it.
  for (const Slip& slip : FixFlowSlips(&text)) {
    c.FileError(path.string(), slip.line, slip.column, "YAML syntax: " + slip.message);
  }
  try {
    YAML::Node node = YAML::Load(text);
    // A quote left open that a later quote of the file closes is no syntax error: the
    // lines between, keys and all, become one value.
    for (const auto& [quote, closed] : ScanText(text).long_quotes) {
      c.FileWarning(path.string(), quote.line, quote.column,
                    std::string("the value quoted here with ") + quote.bracket + " runs on " +
                        (closed > 0 ? "to line " + std::to_string(closed)
                                    : std::string("to the end of the file")) +
                        " over lines that look like keys: is its closing quote missing?");
    }
    return node;
  } catch (const YAML::ParserException& e) {
    TextScan scan = ScanText(text, e.mark.line, e.mark.column);
    // The innermost bracket left open (the outer ones are open only because it took their
    // closing bracket), from a line before the error's, or from its line when the error is
    // about a flow ({...} or [...]) ending there; else a quote left open on an earlier line.
    Opener o;
    if (scan.quote.line > 0 && scan.quote.line - 1 < e.mark.line) {
      o = scan.quote;
    } else if (!scan.long_quotes.empty()) {
      // A quote left open that a later value's opening quote closed: the text after that
      // one is out of step, and the parser gives up lines later.
      o = scan.long_quotes.front().first;
    } else if (!scan.brackets.empty() && (scan.brackets.back().line - 1 < e.mark.line ||
                                          e.msg.find("flow") != std::string::npos)) {
      o = scan.brackets.back();
    }
    Slip slip = FindSlip(text, e.mark.line);
    if (slip.line > 0) {
      c.FileError(path.string(), slip.line, slip.column,
                  "YAML syntax: " + slip.message + " (" + e.msg + " at " +
                      std::to_string(e.mark.line + 1) + ":" +
                      std::to_string(CharacterColumn(text, e.mark.line + 1, e.mark.column + 1)) +
                      ")");
    } else if (o.line > 0) {
      const bool quote = o.bracket == '"' || o.bracket == '\'';
      c.FileError(path.string(), o.line, o.column,
                  std::string("YAML syntax: ") + (quote ? "the quote " : "'") + o.bracket +
                      (quote ? " opened here" : "'") + " is not closed (" + e.msg +
                      " at " + std::to_string(e.mark.line + 1) + ":" +
                      std::to_string(CharacterColumn(text, e.mark.line + 1, e.mark.column + 1)) +
                      ")");
    } else {
      c.FileError(path.string(), e.mark.line + 1, e.mark.column + 1, "YAML syntax: " + e.msg);
    }
  } catch (const YAML::Exception& e) {
    c.FileError(path.string(), 0, 0, std::string("cannot read: ") + e.what());
  }
  return std::nullopt;
}

struct Loaded {
  std::vector<MaterialTemplate> materials;
  std::vector<DomainRuleSet> domains;
  std::vector<DefectText> texts;
  std::vector<FactRule> fact_rules;
  RulePolicy policy;
};

// yaml-cpp counts columns in bytes; an editor counts characters, and a line of Chinese
// labels has three bytes to a character. Converts the columns of diagnostics[from...].
void ColumnsInCharacters(std::vector<Diagnostic>* diagnostics, size_t from) {
  std::map<std::string, std::vector<std::string>> files;
  for (size_t i = from; i < diagnostics->size(); ++i) {
    Diagnostic& d = (*diagnostics)[i];
    if (d.line <= 0 || d.column <= 1) continue;
    auto [it, inserted] = files.try_emplace(d.file);
    if (inserted) {
      std::ifstream in(d.file, std::ios::binary);
      for (std::string l; std::getline(in, l);) it->second.push_back(std::move(l));
    }
    if (d.line > static_cast<int>(it->second.size())) continue;
    const std::string& l = it->second[d.line - 1];
    int characters = 0;
    for (int b = 0; b < d.column - 1 && b < static_cast<int>(l.size()); ++b) {
      if ((static_cast<unsigned char>(l[b]) & 0xC0) != 0x80) ++characters;
    }
    d.column = characters + 1;
  }
}

Loaded LoadAll(const std::string& data_dir, std::vector<Diagnostic>* diagnostics) {
  const size_t first_diagnostic = diagnostics->size();
  Checker c(diagnostics);
  Loaded loaded;
  fs::path root(data_dir);
  // A wrong folder is one problem, not one per sub-folder it lacks.
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    c.FileError(data_dir, 0, 0, fs::exists(root, ec) ? "not a folder" : "no such folder");
    return loaded;
  }
  if (!fs::is_directory(root / "templates", ec) && !fs::is_directory(root / "rules", ec)) {
    c.FileError(data_dir, 0, 0,
                "holds neither templates/ nor rules/: give the folder that holds them");
    return loaded;
  }
  for (const fs::path& path : YamlFiles(c, root / "templates")) {
    const size_t before = loaded.materials.size();
    if (std::optional<YAML::Node> node = ParseFile(c, path)) {
      try {
        ParseTemplate(c, path.string(), *node, &loaded.materials);
      } catch (const YAML::Exception& e) {
        c.FileError(path.string(), e.mark.line + 1, e.mark.column + 1, e.msg);
      }
    }
    if (loaded.materials.size() == before) c.Unreadable(path);
  }
  // A material defined twice (an id copied with its file and not changed): the first
  // definition stands, so that what names the material is checked against it, and the
  // second is reported at its id.
  {
    std::map<std::string, std::string> first;  // id -> file
    std::vector<MaterialTemplate> kept;
    for (MaterialTemplate& t : loaded.materials) {
      auto [it, inserted] = first.emplace(t.id, t.file);
      if (inserted) {
        kept.push_back(std::move(t));
        continue;
      }
      std::ifstream in(t.file);
      int line = 0, at = 1;
      for (std::string l; std::getline(in, l);) {
        ++line;
        if (l.rfind("id:", 0) == 0) {
          at = line;
          break;
        }
      }
      c.FileError(t.file, at, 1,
                  "material id '" + t.id + "' is already defined in " + it->second +
                      ": give this material an id of its own (this file is ignored until then)");
      c.Unreadable(fs::path(t.file));
    }
    loaded.materials = std::move(kept);
  }
  std::vector<std::string> ids;
  for (const MaterialTemplate& t : loaded.materials) ids.push_back(t.id);
  // Fact rules name texts, domains and policy periods: they are read after the other files.
  std::vector<std::pair<fs::path, YAML::Node>> rule_files;
  std::map<std::string, std::string> domain_files;  // id -> the file that defined it first
  std::map<std::string, std::string> text_files;    // defect text id -> its first file
  for (const fs::path& path : YamlFiles(c, root / "rules")) {
    if (std::optional<YAML::Node> node = ParseFile(c, path)) {
      try {
        if (node->IsMap() && (*node)["defects"]) {
          ParseTexts(c, path.string(), *node, &text_files, &loaded.texts);
        } else if (node->IsMap() && (*node)["rules"]) {
          rule_files.emplace_back(path, *node);
        } else if (node->IsMap() && (*node)["policy"]) {
          ParsePolicy(c, path.string(), *node, loaded.materials, &loaded.policy);
        } else {
          size_t before = loaded.domains.size();
          ParseDomain(c, path.string(), *node, loaded.materials, ids, &loaded.domains);
          // A domain defined twice (a rule set copied and its id not changed): the first
          // stands, as with materials.
          if (loaded.domains.size() > before) {
            const std::string id = loaded.domains.back().id;
            auto [it, inserted] = domain_files.emplace(id, path.string());
            if (!inserted) {
              c.Error(path.string(), (*node)["id"] ? (*node)["id"] : *node,
                      "domain id '" + id + "' is already defined in " + it->second +
                          ": give this domain an id of its own (this file is ignored until "
                          "then)");
              loaded.domains.pop_back();
            }
          }
        }
      } catch (const YAML::Exception& e) {
        c.FileError(path.string(), e.mark.line + 1, e.mark.column + 1, e.msg);
      }
    } else {
      c.UnreadableRules();
    }
  }
  RuleContext context{&loaded.materials, &loaded.texts, &loaded.domains, &loaded.policy, {}};
  for (const auto& [path, node] : rule_files) {
    try {
      ParseFactRules(c, path.string(), node, context, &loaded.fact_rules);
    } catch (const YAML::Exception& e) {
      c.FileError(path.string(), e.mark.line + 1, e.mark.column + 1, e.msg);
    }
  }

  // Cross-file references.
  std::map<std::string, std::string> seen;  // id -> file
  for (const MaterialTemplate& t : loaded.materials) seen.emplace(t.id, t.file);
  auto check_material = [&](const std::string& file, const std::string& id,
                            const std::string& where) {
    if (id.empty() || seen.count(id) || c.UnreadableMaterial(id)) {
      return;
    }
    c.FileError(file, 0, 0, c.UnknownMaterial(where, id, ids));
  };
  for (const MaterialTemplate& t : loaded.materials) {
    check_material(t.file, t.twin, "twin");
  }
  if (loaded.materials.empty() && !c.AnyUnreadableTemplate() &&
      fs::is_directory(root / "templates", ec)) {
    c.FileError((root / "templates").string(), 0, 0, "no templates found");
  }
  ColumnsInCharacters(diagnostics, first_diagnostic);
  return loaded;
}

}  // namespace

std::string Diagnostic::ToString() const {
  std::string out = file;
  if (line > 0) {
    out += ":" + std::to_string(line);
    if (column > 0) {
      out += ":" + std::to_string(column);
    }
  }
  out += warning ? ": warning: " : ": error: ";
  out += message;
  return out;
}

const char* LocateName(Locate locate) {
  switch (locate) {
    case Locate::kLabel:
      return "label";
    case Locate::kBelowTitle:
      return "below_title";
    case Locate::kLast:
      return "last";
    case Locate::kAboveLastDate:
      return "above_last_date";
    case Locate::kNearAnchor:
      return "near_anchor";
    case Locate::kSeal:
      return "seal";
  }
  return "label";
}

const FieldSpec* MaterialTemplate::Field(const std::string& key) const {
  for (const FieldSpec& f : fields) {
    if (f.key == key) {
      return &f;
    }
  }
  return nullptr;
}

std::vector<Diagnostic> Catalog::Lint(const std::string& data_dir) {
  std::vector<Diagnostic> diagnostics;
  try {
    LoadAll(data_dir, &diagnostics);
  } catch (const std::exception& e) {
    diagnostics.push_back(Diagnostic{data_dir, 0, 0, e.what(), false});
  }
  return diagnostics;
}

Result<Catalog> Catalog::Load(const std::string& data_dir) {
  std::vector<Diagnostic> diagnostics;
  Loaded loaded;
  try {
    loaded = LoadAll(data_dir, &diagnostics);
  } catch (const std::exception& e) {
    return Status(StatusCode::kInternal, data_dir, e.what());
  }
  std::string errors;
  for (const Diagnostic& d : diagnostics) {
    if (!d.warning) {
      errors += (errors.empty() ? "" : "\n") + d.ToString();
    }
  }
  if (!errors.empty()) {
    return Status(StatusCode::kParseError, "", errors);
  }
  Catalog catalog;
  catalog.materials_ = std::move(loaded.materials);
  catalog.domains_ = std::move(loaded.domains);
  catalog.texts_ = std::move(loaded.texts);
  catalog.fact_rules_ = std::move(loaded.fact_rules);
  catalog.policy_ = std::move(loaded.policy);
  return catalog;
}

const MaterialTemplate* Catalog::Material(const std::string& id) const {
  for (const MaterialTemplate& t : materials_) {
    if (t.id == id) {
      return &t;
    }
  }
  return nullptr;
}

const DomainRuleSet* Catalog::Domain(const std::string& id) const {
  for (const DomainRuleSet& d : domains_) {
    if (d.id == id) {
      return &d;
    }
  }
  return nullptr;
}

DefectText Catalog::Text(const std::string& id) const {
  for (const DefectText& t : texts_) {
    if (t.id == id) {
      return t;
    }
  }
  return DefectText{id, id, "error", id, ""};
}

}  // namespace precheck
