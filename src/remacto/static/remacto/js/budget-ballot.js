// Knapsack ballot: a live budget bar per budget (spent and left), red with a message when over budget.
// The ballot works without this script; the server checks the budget in any case.
(function () {
  "use strict";

  function formatter(form) {
    var group = form.getAttribute("data-group-mark") || " ";
    var decimal = form.getAttribute("data-decimal-mark") || ",";
    var money = form.getAttribute("data-money") || "%(amount)s";
    return function (value) {
      var whole = String(Math.round(Math.abs(value)));
      var grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
      var text = (value < 0 ? "-" : "") + grouped + decimal + "00";
      return "\u2068" + money.replace("%(amount)s", text) + "\u2069";
    };
  }

  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_match, name) {
      return values[name];
    });
  }

  function setUp(form) {
    var format = formatter(form);
    var okText = form.getAttribute("data-text-ok") || "";
    var overText = form.getAttribute("data-text-over") || "";
    form.querySelectorAll("fieldset[data-budget]").forEach(function (group) {
      var budget = Number(group.getAttribute("data-budget")) || 0;
      var bar = group.querySelector(".budget-bar");
      var fillBar = group.querySelector(".budget-fill");
      var text = group.querySelector(".budget-text");
      var boxes = group.querySelectorAll("input[type=checkbox][data-cost]");
      if (!bar || !budget) {
        return;
      }
      function update() {
        var spent = 0;
        boxes.forEach(function (box) {
          if (box.checked) {
            spent += Number(box.getAttribute("data-cost")) || 0;
          }
        });
        var over = spent > budget;
        var share = Math.min(100, Math.round((spent / budget) * 100));
        fillBar.style.inlineSize = share + "%";
        bar.classList.toggle("is-over", over);
        text.textContent = over
          ? fill(overText, { over: format(spent - budget), budget: format(budget) })
          : fill(okText, { spent: format(spent), left: format(budget - spent) });
      }
      boxes.forEach(function (box) {
        box.addEventListener("change", update);
      });
      bar.hidden = false;
      update();
    });
  }

  document.querySelectorAll("form.ballot[data-text-ok]").forEach(setUp);
})();
