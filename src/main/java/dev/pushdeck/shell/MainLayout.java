package dev.pushdeck.shell;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.contextmenu.SubMenu;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.security.PushdeckPrincipal;
import dev.pushdeck.security.UserService;
import dev.pushdeck.shared.i18n.Messages;
import dev.pushdeck.tenancy.Membership;
import dev.pushdeck.tenancy.TeamService;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The frame around every signed-in view: navigation built from {@code @Menu} entries the
 * person may open, the team switcher and the user menu. Features never refer to it.
 */
@Layout
@PermitAll
class MainLayout extends AppLayout {

    private final transient AuthenticationContext authentication;
    private final transient TeamService teams;
    private final transient UserService users;
    private final transient CurrentActor actor;

    MainLayout(AuthenticationContext authentication, TeamService teams, UserService users, CurrentActor actor) {
        this.authentication = authentication;
        this.teams = teams;
        this.users = users;
        this.actor = actor;
        setPrimarySection(Section.DRAWER);
        addToDrawer(brand(), navigation());
        addToNavbar(new DrawerToggle(), header());
    }

    private Component brand() {
        H1 name = new H1(getTranslation("app.name"));
        name.addClassName("brand");
        return name;
    }

    private SideNav navigation() {
        SideNav nav = new SideNav();
        nav.addClassName("main-nav");
        MenuConfiguration.getMenuEntries().forEach(entry -> nav.addItem(item(entry)));
        return nav;
    }

    private SideNavItem item(MenuEntry entry) {
        String title = getTranslation(entry.title());
        return entry.icon() == null ? new SideNavItem(title, entry.path())
                : new SideNavItem(title, entry.path(), new Icon(entry.icon()));
    }

    private Component header() {
        HorizontalLayout header = new HorizontalLayout();
        header.addClassName("app-header");
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.setJustifyContentMode(FlexComponent.JustifyContentMode.END);
        actor.principal().ifPresent(me -> header.add(teamSwitcher(me), userMenu(me)));
        return header;
    }

    private Component teamSwitcher(PushdeckPrincipal me) {
        List<Membership> mine = teams.myTeams();
        if (mine.isEmpty()) {
            Span none = new Span(getTranslation("team.none"));
            none.addClassName("team-none");
            return none;
        }
        Select<Membership> switcher = new Select<>();
        switcher.setId("team-switcher");
        switcher.setAriaLabel(getTranslation("team.switch"));
        switcher.setItems(mine);
        switcher.setItemLabelGenerator(Membership::teamName);
        mine.stream().filter(m -> m.teamId().equals(me.teamId())).findFirst().ifPresent(switcher::setValue);
        switcher.addValueChangeListener(event -> {
            if (event.isFromClient() && event.getValue() != null
                    && !Objects.equals(event.getValue().teamId(), me.teamId())) {
                teams.switchTo(event.getValue().teamId());
                // Every view reloads so nothing of the previous team stays on screen.
                UI.getCurrent().getPage().setLocation("/");
            }
        });
        return switcher;
    }

    private Component userMenu(PushdeckPrincipal me) {
        MenuBar menu = new MenuBar();
        menu.setId("user-menu");
        menu.addThemeVariants(MenuBarVariant.LUMO_TERTIARY_INLINE);
        Div who = new Div(new Icon(VaadinIcon.USER), new Span(me.displayName()));
        who.addClassName("user-menu-label");
        SubMenu sub = menu.addItem(who).getSubMenu();
        sub.addItem(getTranslation("user.account"), event -> UI.getCurrent().navigate("account"));
        SubMenu language = sub.addItem(getTranslation("user.language")).getSubMenu();
        Messages.LOCALES.forEach(locale -> language.addItem(locale.getDisplayName(locale),
                event -> switchLanguage(locale)));
        sub.addItem(getTranslation("user.sign-out"), event -> authentication.logout()).setId("sign-out");
        return menu;
    }

    private void switchLanguage(Locale locale) {
        users.setOwnLanguage(locale);
        UI.getCurrent().getSession().setLocale(locale);
        UI.getCurrent().getPage().reload();
    }
}
