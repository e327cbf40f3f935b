-- Pandoc Lua filter used by eval/precision.py (latex_to_markdown) to turn the
-- LaTeX of student-union steering documents into plain, readable GFM:
--   * numbered headings, as LaTeX numbers them (up to secnumdepth, given as
--     metadata), and \ref{...} replaced by the number of the section it names;
--   * layout environments (center, minipage, unknown ones) unwrapped instead
--     of being written as raw <div>s; spans unwrapped;
--   * PDF graphics (logos, seals) dropped: GFM cannot show them;
--   * labelled lists (\item[Label], description, reglemlista) written as a
--     bold label paragraph followed by the item's text;
--   * "fetlista" (a list whose every item starts with a fixed bold word, such
--     as "att"): the word is written at the start of each item;
--   * links to anchors that do not exist in Markdown (\hyperlink) unwrapped.

local stringify = pandoc.utils.stringify

local secnumdepth = 3
local counters = {0, 0, 0, 0, 0, 0}
local numbers = {}   -- header identifier -> section number

local function number_headers(doc)
  if doc.meta.secnumdepth then
    secnumdepth = tonumber(stringify(doc.meta.secnumdepth)) or 3
  end
  local blocks = pandoc.List()
  for _, b in ipairs(doc.blocks) do
    if b.t == "Header" and not b.classes:includes("unnumbered") and b.level <= secnumdepth then
      counters[b.level] = counters[b.level] + 1
      for l = b.level + 1, #counters do counters[l] = 0 end
      local parts = {}
      for l = 1, b.level do parts[#parts + 1] = tostring(counters[l]) end
      local num = table.concat(parts, ".")
      if b.identifier ~= "" then numbers[b.identifier] = num end
      local content = pandoc.List({pandoc.Str(num)})
      if #b.content > 0 then
        content:insert(pandoc.Space())
        content:extend(b.content)
      end
      b.content = content
    end
    blocks:insert(b)
  end
  doc.blocks = blocks
  return doc
end

local function is_pdf_graphic(src)
  local s = src:lower()
  return s:match("%.pdf$") or not s:match("%.[a-z]+$")
end

local function label_items(list, label)
  -- prefix the first inline block of each item with the label word
  for _, item in ipairs(list.content) do
    local first = item[1]
    if first and (first.t == "Plain" or first.t == "Para") then
      local c = pandoc.List({pandoc.Str(label), pandoc.Space()})
      c:extend(first.content)
      first.content = c
    else
      item:insert(1, pandoc.Plain({pandoc.Str(label)}))
    end
  end
  return list
end

local greek = {alpha = "α", beta = "β", gamma = "γ", delta = "δ", epsilon = "ε", lambda = "λ",
  mu = "μ", pi = "π", sigma = "σ", omega = "ω", Delta = "Δ", Sigma = "Σ", Omega = "Ω",
  leq = "≤", geq = "≥", neq = "≠", pm = "±", infty = "∞"}

local function trim_emphasis(el)
  -- "\textbf{Title }" would give "**Title **", which Markdown does not read
  -- as bold: move the spaces outside
  local before, after = false, false
  while #el.content > 0 and (el.content[1].t == "Space" or el.content[1].t == "SoftBreak") do
    el.content:remove(1); before = true
  end
  while #el.content > 0 and (el.content[#el.content].t == "Space" or el.content[#el.content].t == "SoftBreak") do
    el.content:remove(#el.content); after = true
  end
  local last = el.content[#el.content]
  if last and last.t == "Str" and last.text:match("\194\160$") then
    last.text = last.text:gsub("\194\160$", ""); after = true
  end
  if #el.content == 0 then return {} end
  if before or after then
    local out = pandoc.List()
    if before then out:insert(pandoc.Space()) end
    out:insert(el)
    if after then out:insert(pandoc.Space()) end
    return out
  end
end

local block_filter = {
  Strong = trim_emphasis,
  Emph = trim_emphasis,
  Image = function(img)
    if is_pdf_graphic(img.src) then return {} end
  end,
  Span = function(s) return s.content end,
  Div = function(d)
    if d.classes:includes("fetlista") then
      -- first block holds the label word, the rest is the list
      local label = ""
      local rest = pandoc.List()
      for i, b in ipairs(d.content) do
        if i == 1 and (b.t == "Para" or b.t == "Plain") then
          label = stringify(b)
        else
          rest:insert(b)
        end
      end
      local out = pandoc.List()
      for _, b in ipairs(rest) do
        if b.t == "BulletList" and label ~= "" then
          out:insert(label_items(b, label))
        else
          out:insert(b)
        end
      end
      return out
    end
    return d.content
  end,
  DefinitionList = function(dl)
    local out = pandoc.List()
    for _, item in ipairs(dl.content) do
      local term, defs = item[1], item[2]
      if #term > 0 then
        -- a label that is already bold stays bold once
        if #term == 1 and term[1].t == "Strong" then
          out:insert(pandoc.Para(term))
        else
          out:insert(pandoc.Para({pandoc.Strong(term)}))
        end
      end
      for _, def in ipairs(defs) do out:extend(def) end
    end
    return out
  end,
  Math = function(m)
    -- GFM has no math: write simple formulas (2/3, 50 %) as text
    local t = m.text
    t = t:gsub("\\[dt]?frac%s*{([^{}]*)}%s*{([^{}]*)}", "%1/%2")
    t = t:gsub("\\%%", "%%"):gsub("\\cdot", "·"):gsub("\\times", "×")
    t = t:gsub("\\([A-Za-z]+)", function(name) return greek[name] or "" end)
    t = t:gsub("[{}]", "")
    return pandoc.Str(t)
  end,
  RawBlock = function(r)
    if r.format == "latex" or r.format == "tex" then return {} end
  end,
  RawInline = function(r)
    if r.format == "latex" or r.format == "tex" then return {} end
  end,
}

function Pandoc(doc)
  -- unwrap layout first, so that every heading is at the top level
  doc = doc:walk(block_filter)
  doc = number_headers(doc)
  doc = doc:walk({
    Link = function(l)
      local ref = l.attributes["reference"]
      if ref then
        local n = numbers[ref]
        if n then return pandoc.Str(n) end
        return pandoc.Str(ref)
      end
      if l.target:sub(1, 1) == "#" then return l.content end
    end,
  })
  -- clean up paragraphs left empty once graphics and layout are gone
  doc = doc:walk({
    Para = function(p)
      if stringify(p):match("^%s*$") and not p.content:find_if(function(i) return i.t == "Image" end) then
        return {}
      end
    end,
    Plain = function(p)
      if stringify(p):match("^%s*$") and not p.content:find_if(function(i) return i.t == "Image" end) then
        return {}
      end
    end,
  })
  return doc
end
